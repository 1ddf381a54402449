package dev.descent.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs and their trajectories live. Kept narrow so a durable store can replace the
 * in-memory one: insert, find, list, record state changes, append and read trajectory points,
 * delete and expire.
 */
public interface JobRepository {

    /**
     * Stores a new job. If the job's idempotency key is already held by another job, stores
     * nothing and returns that job.
     */
    Optional<Job> insert(Job job);

    Optional<Job> find(String id);

    /** Newest first; with a cursor, only jobs older than the job it names. */
    List<Job> list(JobStatus status, String cursor, int limit);

    /** Called after every state change of a job (a durable store writes it). */
    void updated(Job job);

    /** Removes a job and its trajectory; false when there was none. */
    boolean delete(String id);

    /** Removes finished jobs that finished before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff);

    /** The newest recorded point of a job, if any. */
    Optional<TrajectoryPoint> lastPoint(String id);

    /** The writer a run appends its recorded points to. */
    TrajectoryWriter trajectoryWriter(Job job);

    /** Recorded points with iteration &gt; {@code after}, at most {@code limit}. */
    TrajectoryPage trajectory(String id, long after, int limit);

    /** At most {@code count} points spread over the whole run, the first and last included. */
    TrajectoryPage trajectorySpread(String id, int count);

    /** Appends a run's points; called on the run's thread only. */
    interface TrajectoryWriter {
        void append(long iteration, double loss, double gradientNorm, double learningRate,
                    double elapsedMillis, double[] x, boolean last);
    }

    /** A slice of a trajectory: the points, how many are recorded in all, and whether more follow. */
    record TrajectoryPage(List<TrajectoryPoint> points, int total, boolean more, boolean thinned) {}
}
