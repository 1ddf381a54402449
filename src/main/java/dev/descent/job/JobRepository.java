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

    /**
     * Takes in a new job that has no idempotency key. The job is readable at once and may be run at
     * once; the store may write it a moment later (in one write with its final state, if it has
     * finished by then), and {@link Accepted#await} returns once it is durable.
     */
    default Accepted accept(Job job) {
        insert(job);
        return new Accepted() {
            @Override
            public void await() {}

            @Override
            public void withdraw() {
                delete(job.id());
            }
        };
    }

    /** A job taken in by {@link #accept}. */
    interface Accepted {
        /** Returns once the job is on disk; throws when it could not be stored (then {@link #withdraw} it). */
        void await();

        /** Forgets the job before the client hears of it: it is neither stored nor readable. */
        void withdraw();
    }

    Optional<Job> find(String id);

    /** Newest first; with a cursor, only jobs older than the job it names. */
    default List<Job> list(JobStatus status, String cursor, int limit) {
        return list(null, status, cursor, limit);
    }

    /** As {@link #list(JobStatus, String, int)}, only the jobs of {@code client} unless it is null. */
    List<Job> list(String client, JobStatus status, String cursor, int limit);

    /** How many jobs of {@code client} are queued or running, on any node (for the per-client quota). */
    long countActive(String client);

    /**
     * Called after every state change of a job (a durable store writes it). Fenced: the write
     * only lands while the job's owner and attempt are still the ones holding its lease; false when
     * another node has taken the job over (the caller then drops its copy).
     */
    boolean updated(Job job);

    /**
     * Records that a run of the job started (its start time, and RUNNING unless it has finished
     * already), fenced like {@link #updated}: false when another node has taken the job over.
     */
    boolean started(Job job);

    /** Whether this process is the store's only user (an embedded store), so no other node holds leases. */
    boolean exclusive();

    /**
     * Extends {@code node}'s lease, which covers every queued and running job it holds, until
     * {@code until}: one write per heartbeat, however many jobs the node holds.
     */
    void renewLease(String node, Instant until);

    /** Ids of {@code owner}'s queued or running jobs that a client asked, on any node, to cancel. */
    List<String> cancelRequested(String owner);

    /** Marks a queued or running job for cancellation by its owner; false when it is neither. */
    boolean requestCancel(String id);

    /**
     * Takes over queued and running jobs whose node's lease expired before {@code now}, or that no
     * node holds (every job of other nodes too when {@code everyone}, as after a restart of an
     * exclusive store): each comes back QUEUED at its next attempt, held by {@code owner} under its
     * own lease, with its trajectory cut back to its checkpoint; a job past {@code maxAttempts} ends
     * FAILED instead. Returns the jobs to run.
     */
    List<Job> reclaim(String owner, Instant now, boolean everyone, int maxAttempts);

    /** Gives a job back: QUEUED and held by no node, so any node takes it over (graceful shutdown). */
    void release(Job job);

    /**
     * Saves a run's checkpoint once every point recorded before it is stored, without blocking the
     * run; fenced like every write. A later attempt of the job continues from the newest one.
     */
    void checkpoint(Job job, dev.descent.engine.Checkpoint checkpoint);

    /** The newest checkpoint of a job, if it has one. */
    Optional<dev.descent.engine.Checkpoint> checkpoint(String id);

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
