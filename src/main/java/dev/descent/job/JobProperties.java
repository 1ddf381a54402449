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
 * @param maxRetainedJobs finished jobs kept in memory; the oldest finished are dropped beyond it
 */
@Validated
@ConfigurationProperties("descent.jobs")
public record JobProperties(@Min(1) Integer workers,
                            @Min(1) @DefaultValue("10000") int queueCapacity,
                            @DefaultValue("P7D") Duration retention,
                            @Min(2) @DefaultValue("1000000") int maxTrajectoryPoints,
                            @Min(1) @DefaultValue("100000") int maxRetainedJobs) {

    public int workerCount() {
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }
}
