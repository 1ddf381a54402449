package dev.descent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.job.Job;
import dev.descent.job.JobResult;
import dev.descent.study.Study;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A study's comparison table: each run with its job's status and outcome, and the best run (the
 * lowest final loss among the finished runs, succeeded ones preferred).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StudyView(String id, String name, String problemType, Instant createdAt, String status, List<RunView> runs,
                 RunView best) {

    /** One row of the table; {@code status} is DELETED when its job was deleted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunView(String name, String jobId, String status, String optimizer, Double loss, Double gradientNorm,
                   Long iterations, Double elapsedMillis, String stopReason) {}

    static StudyView of(Study study, Map<Study.Run, Job> jobs) {
        List<RunView> rows = new ArrayList<>();
        RunView best = null;
        boolean bestSucceeded = false, finished = true;
        for (Map.Entry<Study.Run, Job> e : jobs.entrySet()) {
            Job job = e.getValue();
            if (job == null) {
                rows.add(new RunView(e.getKey().name(), e.getKey().jobId(), "DELETED", null, null, null, null, null, null));
                continue;
            }
            JobResult r = job.result();
            Double elapsed = job.progress() == null ? null : job.progress().elapsedMillis();
            RunView row = new RunView(e.getKey().name(), job.id(), job.status().name(), job.optimizerType(),
                    r == null ? null : r.loss(), r == null ? null : r.gradientNorm(),
                    r == null ? null : r.iterations(), elapsed, r == null ? null : r.stopReason().name());
            rows.add(row);
            finished &= job.status().finished();
            if (row.loss() != null && job.status().finished()) {
                boolean succeeded = job.status().name().equals("SUCCEEDED");
                if (best == null || (succeeded && !bestSucceeded)
                        || (succeeded == bestSucceeded && row.loss() < best.loss())) {
                    best = row;
                    bestSucceeded = succeeded;
                }
            }
        }
        return new StudyView(study.id(), study.name(), study.problemType(), study.createdAt(),
                finished ? "FINISHED" : "RUNNING", rows, best);
    }
}
