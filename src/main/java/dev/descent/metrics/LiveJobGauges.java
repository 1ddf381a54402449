package dev.descent.metrics;

import dev.descent.job.Job;
import dev.descent.job.JobProgress;
import dev.descent.job.JobStatus;
import dev.descent.job.JobStatusListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The live per-job gauges of the API's Operations section: {@code descent_job_loss},
 * {@code descent_job_gradient_norm} and {@code descent_job_iteration}, labelled by {@code job} (the
 * id), for jobs submitted with {@code publishMetrics}. Registered when a job starts running and
 * removed when it finishes; at most {@code descent.metrics.live-jobs} jobs at once, so the
 * series count stays bounded. A scrape reads {@link Job#progress()}, which the run loop refreshes
 * every 50 ms or so; nothing is sampled in between.
 */
@Component
public class LiveJobGauges implements JobStatusListener {
    private static final Logger log = LoggerFactory.getLogger(LiveJobGauges.class);

    private final MeterRegistry registry;
    private final int capacity;
    private final Map<String, Live> live = new LinkedHashMap<>();

    public LiveJobGauges(MeterRegistry registry, MetricsProperties properties) {
        this.registry = registry;
        this.capacity = properties.liveJobs();
    }

    /** One job's gauges, and the job they read, kept so the gauges never outlive it unseen. */
    private record Live(Job job, List<Meter> meters) {}

    @Override
    public synchronized void statusChanged(Job job) {
        JobStatus status = job.status();
        if (status.finished()) {
            remove(job.id());
        } else if (status == JobStatus.RUNNING && Boolean.TRUE.equals(job.request().publishMetrics())
                && !live.containsKey(job.id())) {
            if (live.size() >= capacity) {
                log.debug("Job {} asked for live gauges, but {} jobs already export them (descent.metrics.live-jobs)",
                        job.id(), capacity);
                return;
            }
            live.put(job.id(), new Live(job, List.of(
                    gauge("descent.job.loss", "Loss of a running job that publishes metrics", job,
                            j -> value(j.progress(), JobProgress::loss)),
                    gauge("descent.job.gradient.norm", "Gradient norm of a running job that publishes metrics", job,
                            j -> value(j.progress(), JobProgress::gradientNorm)),
                    gauge("descent.job.iteration", "Iterations taken by a running job that publishes metrics", job,
                            j -> j.progress() == null ? 0 : j.progress().iteration()))));
        }
    }

    /**
     * A safety net: drops the gauges of any job that has stopped running without its final
     * status reaching this listener (a listener is told after the job is stored, so a store
     * failure could skip it).
     */
    @Scheduled(fixedDelayString = "${descent.metrics.live-jobs-sweep-interval:PT10S}")
    synchronized void sweep() {
        List.copyOf(live.values()).stream()
                .filter(l -> l.job().status() != JobStatus.RUNNING)
                .forEach(l -> remove(l.job().id()));
    }

    private void remove(String id) {
        Live gone = live.remove(id);
        if (gone != null) gone.meters().forEach(registry::remove);
    }

    private Meter gauge(String name, String description, Job job, ToDoubleFunction<Job> value) {
        // The map holds the job, so a strong reference costs nothing and a gauge never reads a
        // collected job as NaN.
        return Gauge.builder(name, job, value).description(description).strongReference(true)
                .tag("job", job.id()).tag("problem", job.problemType()).tag("optimizer", job.optimizerType())
                .register(registry);
    }

    private static double value(JobProgress progress, Function<JobProgress, Double> field) {
        Double v = progress == null ? null : field.apply(progress);
        return v == null ? Double.NaN : v;
    }
}
