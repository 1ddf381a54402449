package dev.descent.api;

import dev.descent.engine.RecordingSpec;
import dev.descent.job.Job;
import dev.descent.job.JobProgress;
import dev.descent.job.JobRequest;
import dev.descent.job.JobResult;
import dev.descent.job.JobStatus;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.schedule.ScheduleSpec;
import dev.descent.stopping.StoppingSpec;
import java.time.Instant;

/**
 * A job as the API shows it: the settings in effect (defaults filled in), progress and result, and
 * {@code attempt}: 1, or more when a node running it died and another took it over;
 * {@code trajectoryThinned}: the run recorded more than {@code descent.jobs.max-trajectory-points}
 * points, so older ones were thinned evenly.
 */
record JobView(String id, String name, JobStatus status, Instant createdAt, Instant startedAt, Instant finishedAt,
               ProblemSummary problem, OptimizerSpec optimizer, ScheduleSpec schedule, StoppingSpec stopping,
               double[] initialPoint, long seed, RecordingSpec recording, boolean publishMetrics,
               JobProgress progress, JobResult result, String error, int attempt, boolean trajectoryThinned) {

    /** The problem's type and size; the data itself is not echoed back. */
    record ProblemSummary(String type, int dimension) {}

    static JobView of(Job job) {
        JobRequest r = job.request();
        return new JobView(job.id(), r.name(), job.status(), job.createdAt(), job.startedAt(), job.finishedAt(),
                new ProblemSummary(job.problemType(), job.dimension()), r.optimizer(), r.schedule(), r.stopping(),
                r.initialPoint(), r.seed(), r.recording(), r.publishMetrics(), job.progress(), job.result(), job.error(),
                job.attempt(), job.trajectoryThinned());
    }
}
