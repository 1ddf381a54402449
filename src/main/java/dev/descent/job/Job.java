package dev.descent.job;

import dev.descent.engine.Progress;
import java.time.Instant;
import java.util.Optional;

/**
 * One job. State changes only through the verbs ({@link #start}, {@link #finish}, {@link #fail},
 * {@link #cancelQueued}), each checked against {@link JobStatus#canMoveTo}; a verb that loses a
 * race (the job was cancelled meanwhile) returns false and changes nothing.
 */
public final class Job {
    private final String id;
    private final JobRequest request;
    private final String problemType;
    private final String optimizerType;
    private final int dimension;
    private final Instant createdAt;
    private final String idempotencyKey;
    private final String fingerprint;

    private JobStatus status = JobStatus.QUEUED;
    private Instant startedAt;
    private Instant finishedAt;
    private JobProgress progress;
    private Progress lastSnapshot;
    private JobResult result;
    private String error;
    private int attempt = 1;
    private String owner;
    /** The API client that submitted the job (column {@code owner}); null when security is off. */
    private String client;
    private volatile boolean trajectoryThinned;

    public Job(String id, JobRequest request, String problemType, String optimizerType, int dimension,
               Instant createdAt, String idempotencyKey, String fingerprint) {
        this.id = id;
        this.request = request;
        this.problemType = problemType;
        this.optimizerType = optimizerType;
        this.dimension = dimension;
        this.createdAt = micros(createdAt);
        this.idempotencyKey = idempotencyKey;
        this.fingerprint = fingerprint;
    }

    /** A job as a store read it back, in whatever state it was saved. */
    static Job restore(String id, JobRequest request, String problemType, String optimizerType, int dimension,
                       Instant createdAt, String idempotencyKey, String fingerprint, JobStatus status,
                       Instant startedAt, Instant finishedAt, JobProgress progress, JobResult result, String error) {
        Job job = new Job(id, request, problemType, optimizerType, dimension, createdAt, idempotencyKey, fingerprint);
        job.status = status;
        job.startedAt = startedAt;
        job.finishedAt = finishedAt;
        job.progress = progress;
        job.result = result;
        job.error = error;
        return job;
    }

    /** The API client the job belongs to, or null (made while security was off). */
    public String client() { return client; }

    Job ownedBy(String client) {
        this.client = client;
        return this;
    }

    /** Whether the run recorded more points than are kept, so older ones were thinned evenly. */
    public boolean trajectoryThinned() { return trajectoryThinned; }

    void markTrajectoryThinned() { trajectoryThinned = true; }

    Job withThinnedTrajectory(boolean thinned) {
        trajectoryThinned = thinned;
        return this;
    }

    /** Which attempt at running this job this is (1 for the first); a store fences writes by it. */
    public synchronized int attempt() { return attempt; }

    /** The node that holds the job's lease, or null. */
    public synchronized String owner() { return owner; }

    /** Records who runs this attempt. */
    synchronized Job claimedBy(String node, int attemptNumber) {
        owner = node;
        attempt = attemptNumber;
        return this;
    }

    public String id() { return id; }
    public JobRequest request() { return request; }
    public String problemType() { return problemType; }
    public String optimizerType() { return optimizerType; }
    public int dimension() { return dimension; }
    public Instant createdAt() { return createdAt; }
    public Optional<String> idempotencyKey() { return Optional.ofNullable(idempotencyKey); }
    public String fingerprint() { return fingerprint; }

    public synchronized JobStatus status() { return status; }
    public synchronized Instant startedAt() { return startedAt; }
    public synchronized Instant finishedAt() { return finishedAt; }
    public synchronized JobProgress progress() { return progress; }
    public synchronized JobResult result() { return result; }
    public synchronized String error() { return error; }

    /** The latest snapshot from the run loop, with the best point so far. */
    synchronized Progress lastSnapshot() { return lastSnapshot; }

    synchronized boolean start(Instant now) {
        if (!status.canMoveTo(JobStatus.RUNNING)) return false;
        status = JobStatus.RUNNING;
        startedAt = micros(now);
        return true;
    }

    synchronized void progress(Progress p) {
        if (status.finished()) return;
        lastSnapshot = p;
        progress = new JobProgress(p.iteration(), finite(p.loss()), finite(p.gradientNorm()),
                finite(p.learningRate()), p.elapsedMillis());
    }

    synchronized boolean finish(JobStatus outcome, JobResult result, Instant now) {
        if (!status.canMoveTo(outcome)) return false;
        this.status = outcome;
        this.result = result;
        this.finishedAt = micros(now);
        return true;
    }

    synchronized boolean fail(String error, Instant now) {
        if (!status.canMoveTo(JobStatus.FAILED)) return false;
        this.status = JobStatus.FAILED;
        this.error = error;
        this.finishedAt = micros(now);
        return true;
    }

    synchronized boolean cancelQueued(Instant now) {
        if (status != JobStatus.QUEUED) return false;
        status = JobStatus.CANCELLED;
        finishedAt = micros(now);
        return true;
    }

    /** Times are kept to the microsecond, what every store keeps, so a job reads the same live and stored. */
    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
