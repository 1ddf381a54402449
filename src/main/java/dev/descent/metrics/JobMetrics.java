package dev.descent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The job meters of the API's Operations section. Label values come from the closed sets of
 * problem types, optimizer types and statuses, so the series count stays bounded.
 */
@Component
public class JobMetrics {
    private final MeterRegistry registry;

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds the queue-length and running-jobs gauges to their sources. */
    public void bindGauges(Supplier<Number> queued, Supplier<Number> running) {
        Gauge.builder("descent.jobs.queued", queued).description("Jobs waiting for a worker").register(registry);
        Gauge.builder("descent.jobs.running", running).description("Jobs running now").register(registry);
    }

    public void submitted(String problem, String optimizer) {
        Counter.builder("descent.jobs.submitted").description("Jobs accepted")
                .tag("problem", problem).tag("optimizer", optimizer).register(registry).increment();
    }

    public void started(String problem, String optimizer, Duration queueWait) {
        Timer.builder("descent.job.queue.wait").description("Time from submission to start")
                .tag("problem", problem).tag("optimizer", optimizer)
                .publishPercentileHistogram().register(registry).record(queueWait);
    }

    public void finished(String problem, String optimizer, String status, Duration runTime) {
        Counter.builder("descent.jobs.finished").description("Jobs that reached a final state")
                .tag("problem", problem).tag("optimizer", optimizer).tag("status", status)
                .register(registry).increment();
        if (runTime != null) {
            Timer.builder("descent.job.duration").description("Run time of jobs from start to end")
                    .tag("problem", problem).tag("optimizer", optimizer)
                    .publishPercentileHistogram().register(registry).record(runTime);
        }
    }

    public void iterations(String problem, String optimizer, long count) {
        if (count <= 0) return;
        Counter.builder("descent.optimizer.iterations").description("Optimizer iterations taken")
                .tag("problem", problem).tag("optimizer", optimizer).register(registry).increment(count);
    }
}
