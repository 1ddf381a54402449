package dev.descent.job;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code descent.jobs.*}: the worker pool, the queue, and how long and how much is kept.
 *
 * @param workers jobs running at once; null means one per core
 * @param maxRetainedJobs finished jobs kept by the in-memory store; the oldest finished are dropped beyond it
 * @param lease how long a node's claim on a job lasts without a heartbeat before another node takes it over
 * @param maxAttempts runs of a job whose node died before it ends FAILED instead of running again
 * @param node a name for this node in leases (the host name when absent); a random suffix is added per start
 * @param recover whether this node takes over unfinished jobs (on start and when leases expire); off only
 *     to demonstrate what recovery is for
 * @param checkpointInterval how often a running job saves its whole state, so a node that takes it over
 *     continues from there
 * @param maxMemory the most memory one job may be estimated to need ({@link MemoryEstimate}); a submission
 *     above it is 400. Absent: half the JVM's maximum heap
 * @param trajectoryWriteDelay how long, by a run's own clock, its full blocks of recorded points may wait in
 *     memory before they are stored; a shorter run stores its whole trajectory with its result in one
 *     transaction. Readers (and the event stream) see the points at once. Zero stores each block when full
 */
@Validated
@ConfigurationProperties("descent.jobs")
public record JobProperties(@Min(1) Integer workers,
                            @Min(1) @DefaultValue("10000") int queueCapacity,
                            @DefaultValue("P7D") Duration retention,
                            @Min(2) @DefaultValue("1000000") int maxTrajectoryPoints,
                            @Min(1) @DefaultValue("100000") int maxRetainedJobs,
                            @DefaultValue(DEFAULT_LEASE) Duration lease,
                            @Min(1) @DefaultValue("3") int maxAttempts,
                            String node,
                            @DefaultValue("true") boolean recover,
                            @DefaultValue("PT5S") Duration checkpointInterval,
                            org.springframework.util.unit.DataSize maxMemory,
                            @DefaultValue("PT1S") Duration trajectoryWriteDelay) {
    /** {@code lease} when not configured. */
    public static final String DEFAULT_LEASE = "PT15S";

    /** The memory budget of one job in bytes: {@code maxMemory}, or half the maximum heap. */
    public long memoryBudget() {
        return maxMemory != null ? maxMemory.toBytes() : Runtime.getRuntime().maxMemory() / 2;
    }

    public int workerCount() {
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }

    public String nodeName() {
        if (node != null && !node.isBlank()) return node;
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }
}
