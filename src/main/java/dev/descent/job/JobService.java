package dev.descent.job;

import dev.descent.engine.Checkpoint;
import dev.descent.engine.Progress;
import dev.descent.engine.RunState;
import dev.descent.optimizer.Optimizer;
import dev.descent.engine.Run;
import dev.descent.engine.RunControl;
import dev.descent.engine.RunListener;
import dev.descent.engine.RunOutcome;
import dev.descent.metrics.JobMetrics;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.problem.Problems;
import dev.descent.schedule.Schedule;
import dev.descent.security.Client;
import dev.descent.security.ClientQuotas;
import dev.descent.security.QuotaExceededException;
import dev.descent.spec.Capability;
import dev.descent.spec.Limits;
import dev.descent.spec.SpecTypes;
import dev.descent.spec.Violations;
import dev.descent.stopping.StopReason;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts, runs, cancels and forgets jobs. A fixed pool of {@code workers} threads takes jobs from
 * one bounded FIFO queue; a full queue is a {@link QueueFullException}. A cancel or time limit
 * that meets an iteration too long to notice it in time is finished from outside after
 * {@link #STOP_GRACE}: the job ends with the best point of its last progress snapshot and the
 * worker's eventual result is discarded.
 */
@Service
public class JobService {
    /** How long a stop request waits for the run to notice before the job is finished from outside. */
    static final Duration STOP_GRACE = Duration.ofMillis(90);
    /** How long a run goes before the store (and so every other node) is told it is RUNNING. */
    static final Duration START_WRITE_DELAY = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private final JobRepository repository;
    private final JobProperties properties;
    private final Limits limits;
    private final JobMetrics metrics;
    private final Problems problems;
    private final JsonMapper json;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService timers;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final JobIds ids = new JobIds();
    private final SecureRandom seeds = new SecureRandom();
    /** This process's name in leases: unique per start, so a restarted node never mistakes old leases for its own. */
    private final String node;
    private final List<JobStatusListener> statusListeners;
    /** Whether this node's lease row has been written at least once (by a heartbeat or the first submission). */
    private volatile boolean leaseHeld;
    private final ClientQuotas quotas;

    public JobService(JobRepository repository, JobProperties properties, Limits limits, JobMetrics metrics,
                      Problems problems, JsonMapper json, List<JobStatusListener> statusListeners, ClientQuotas quotas) {
        this.problems = problems;
        this.quotas = quotas;
        this.node = properties.nodeName() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        this.statusListeners = List.copyOf(statusListeners);
        this.repository = repository;
        this.properties = properties;
        this.limits = limits;
        this.metrics = metrics;
        this.json = json;
        int workers = properties.workerCount();
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(properties.queueCapacity()), r -> {
                    Thread t = new Thread(r, "descent-worker-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "descent-job-timers");
            t.setDaemon(true);
            return t;
        });
        metrics.bindGauges(() -> executor.getQueue().size(), running::get);
    }

    /** A submission's answer: the job, and whether this call created it (false: idempotent replay). */
    public record Submission(Job job, boolean created) {}

    /** Submits a job for the current {@link Client}, who owns it; its idempotency key is scoped to that client. */
    public Submission submit(JobRequest request, String idempotencyKey) {
        validate(request);
        String client = Client.current();
        if (!leaseHeld) renewLease(); // before the first heartbeat, a job must not look abandoned to other nodes
        // Only a keyed submission is ever compared with another; the hash is not worth its cost otherwise.
        String fingerprint = idempotencyKey == null ? "" : fingerprint(request);
        OptimizerSpec optimizer = request.optimizer() != null ? request.optimizer() : OptimizerSpec.defaultFor(request.problem());
        JobRequest complete = request.completed(optimizer, seeds.nextLong() & Long.MAX_VALUE);
        // Keys are visible ASCII without spaces, so "<client> <key>" never meets another client's key.
        String scopedKey = idempotencyKey == null || client == null ? idempotencyKey : client + " " + idempotencyKey;
        Job job = new Job(ids.next(), complete, SpecTypes.nameOf(complete.problem()), SpecTypes.nameOf(optimizer),
                complete.problem().dimension(), Instant.now(), scopedKey, fingerprint).claimedBy(node, 1).ownedBy(client);
        // A quota counted in a shared store sees a job only once its row is there: such a job is inserted first.
        if (scopedKey == null && (client == null || repository.exclusive())) return accept(job);
        var existing = repository.insert(job);
        if (existing.isPresent()) {
            if (!existing.get().fingerprint().equals(fingerprint)) {
                throw new JobConflictException("Idempotency-Key '" + idempotencyKey
                        + "' was already used with a different request (job " + existing.get().id() + ")");
            }
            return new Submission(existing.get(), false);
        }
        try {
            quotas.checkActiveJobs(client, repository::countActive);
        } catch (QuotaExceededException e) {
            repository.delete(job.id());
            throw e;
        }
        if (!enqueue(job)) {
            repository.delete(job.id());
            throw new QueueFullException(properties.queueCapacity(), 1);
        }
        metrics.submitted(job.problemType(), job.optimizerType());
        return new Submission(job, true);
    }

    /**
     * Takes in a job without an idempotency key: it is queued at once and its row written a moment
     * later, with the rows of other jobs accepted meanwhile (a short job's row, finished). The client
     * hears of the job once it is durable: in the embedded store's journal, or in a committed row.
     */
    private Submission accept(Job job) {
        JobRepository.Accepted accepted = repository.accept(job);
        try {
            quotas.checkActiveJobs(job.client(), repository::countActive);
        } catch (QuotaExceededException e) {
            accepted.withdraw();
            throw e;
        }
        if (!enqueue(job)) {
            accepted.withdraw();
            throw new QueueFullException(properties.queueCapacity(), 1);
        }
        try {
            accepted.await();
        } catch (RuntimeException e) {
            Execution execution = executions.remove(job.id());
            if (execution != null) {
                execution.abandoned = true;
                execution.control.cancel();
                executor.remove(execution);
            }
            accepted.withdraw();
            throw e;
        }
        metrics.submitted(job.problemType(), job.optimizerType());
        return new Submission(job, true);
    }

    /** Queues a job this node holds on the local workers; false when the queue is full. */
    private boolean enqueue(Job job) {
        Execution execution = new Execution(job);
        executions.put(job.id(), execution);
        try {
            executor.execute(execution);
            return true;
        } catch (RejectedExecutionException e) {
            executions.remove(job.id(), execution);
            return false;
        }
    }

    /** Every check that spans fields or depends on the problem; throws with all violations found. */
    public void validate(JobRequest request) {
        Violations v = new Violations();
        ProblemSpec problem = request.problem();
        problems.check(problem, v.at("problem"));
        v.throwIfAny();
        int n = problem.dimension();
        OptimizerSpec optimizer = request.optimizer() != null ? request.optimizer() : OptimizerSpec.defaultFor(problem);
        if (SpecTypes.compatible(optimizer.getClass(), problem.getClass())) {
            optimizer.check(v.at("optimizer"), problem, limits);
        } else {
            Set<Capability> missing = EnumSet.copyOf(SpecTypes.requires(optimizer.getClass()));
            missing.removeAll(SpecTypes.provides(problem.getClass()));
            v.add("optimizer.type", "'" + SpecTypes.nameOf(optimizer) + "' cannot run on a '" + SpecTypes.nameOf(problem)
                    + "' problem: it needs " + missing.stream().map(c -> c.name().toLowerCase().replace('_', ' '))
                    .collect(Collectors.joining(", ")) + ", which that problem does not provide");
        }
        if (request.schedule() != null) request.schedule().check(v.at("schedule"));
        if (request.stopping() != null) request.stopping().check(v.at("stopping"), limits);
        if (request.initialPoint() != null) {
            v.check(request.initialPoint().length == n, "initialPoint",
                    "has " + request.initialPoint().length + " entries; the problem has " + n + " variables");
        }
        v.throwIfAny();
        checkMemory(request, optimizer);
    }

    /** Refuses a job whose estimated memory is above the budget, before anything is stored or queued. */
    private void checkMemory(JobRequest request, OptimizerSpec optimizer) {
        MemoryEstimate estimate = MemoryEstimate.of(request, optimizer, problems.dataset(request.problem()).orElse(null),
                properties.maxTrajectoryPoints());
        if (estimate.total() > properties.memoryBudget()) throw new JobTooLargeException(estimate, properties.memoryBudget());
    }

    /** The job, if the current {@link Client} may see it: another client's job is not found, like a missing one. */
    public Job get(String id) {
        return repository.find(id).filter(job -> Client.mayAccess(job.client()))
                .orElseThrow(() -> new JobNotFoundException(id));
    }

    /** The current {@link Client}'s jobs (every job without one). */
    public List<Job> list(JobStatus status, String cursor, int limit) {
        return repository.list(Client.current(), status, cursor, limit);
    }

    public JobRepository.TrajectoryPage trajectory(String id, long after, int limit) {
        get(id);
        return repository.trajectory(id, after, limit);
    }

    public JobRepository.TrajectoryPage trajectorySpread(String id, int count) {
        get(id);
        return repository.trajectorySpread(id, count);
    }

    /** Cancels a queued or running job; a running one is stopped within one iteration or {@link #STOP_GRACE}. */
    public Job cancel(String id) {
        Job job = get(id);
        Execution execution = executions.get(id);
        if (execution == null) {
            // Held by another node, or between nodes: whoever holds it stops it within a heartbeat.
            if (job.status().finished() || !repository.requestCancel(id)) {
                throw new JobConflictException("Job " + id + " has already finished");
            }
            return job;
        }
        if (job.cancelQueued(Instant.now())) {
            executor.remove(execution);
            executions.remove(id);
            changed(job);
            metrics.finished(job.problemType(), job.optimizerType(), JobStatus.CANCELLED.name(), null);
            return job;
        }
        if (job.status() == JobStatus.RUNNING) {
            execution.control.cancel();
            execution.awaitOrForce(JobStatus.CANCELLED, StopReason.CANCELLED);
            return job;
        }
        throw new JobConflictException("Job " + id + " has already finished (" + job.status() + ")");
    }

    /** Forgets a finished job and its trajectory. */
    public void delete(String id) {
        Job job = get(id);
        if (!job.status().finished()) {
            throw new JobConflictException("Job " + id + " is " + job.status() + "; cancel it before deleting it");
        }
        repository.delete(id);
    }

    public int queued() {
        return executor.getQueue().size();
    }

    @Scheduled(fixedDelayString = "${descent.jobs.retention-check-interval:PT1M}")
    void expire() {
        int n = repository.deleteFinishedBefore(Instant.now().minus(properties.retention()));
        if (n > 0) log.info("Deleted {} jobs older than the retention of {}", n, properties.retention());
    }

    /** Keeps this node's leases alive and passes on cancel requests made on other nodes. */
    @Scheduled(fixedDelayString = "${descent.jobs.heartbeat:PT0.5S}")
    void heartbeat() {
        try {
            renewLease();
            for (String id : repository.cancelRequested(node)) {
                Execution e = executions.get(id);
                if (e != null) timers.execute(() -> cancel(id));
            }
        } catch (RuntimeException e) {
            log.warn("Heartbeat failed; leases may lapse", e);
        }
    }

    private void renewLease() {
        repository.renewLease(node, Instant.now().plus(properties.lease()));
        leaseHeld = true;
    }

    /** Takes over jobs whose node stopped renewing its lease. */
    @Scheduled(initialDelayString = "${descent.jobs.reclaim-interval:PT5S}", fixedDelayString = "${descent.jobs.reclaim-interval:PT5S}")
    void reclaimExpired() {
        reclaim(false);
    }

    /** On start, an exclusive store's unfinished jobs are this node's to finish: no other node can hold them. */
    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        int n = reclaim(repository.exclusive());
        if (n > 0) log.info("Recovered {} unfinished jobs", n);
    }

    private int reclaim(boolean everyone) {
        if (!properties.recover()) return 0;
        Instant now = Instant.now();
        int n = 0;
        try {
            for (Job job : repository.reclaim(node, now, everyone, properties.maxAttempts())) {
                if (enqueue(job)) {
                    n++;
                } else {
                    repository.release(job); // the queue is full here; another node (or a later pass) takes it
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not take over expired jobs", e);
        }
        return n;
    }

    /**
     * Stops taking work and hands this node's unfinished jobs back to the store, so another node (or
     * this one after a restart) runs them; their runs here are abandoned without writing a result.
     */
    @PreDestroy
    void shutdown() throws InterruptedException {
        // Queued jobs go straight back; running ones stop after a checkpoint, then go back.
        for (Runnable queued : executor.shutdownNow()) {
            if (queued instanceof Execution e) handBack(e);
        }
        List<Execution> running = List.copyOf(executions.values());
        for (Execution e : running) {
            e.handingOver = true;
            e.control.checkpointAndStop();
        }
        long deadline = System.nanoTime() + properties.lease().toNanos() / 2;
        for (Execution e : running) {
            e.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            handBack(e);
        }
        timers.shutdownNow();
    }

    private void handBack(Execution e) {
        e.handingOver = true;
        try {
            repository.release(e.job);
        } catch (RuntimeException failure) {
            log.warn("Could not hand job {} back; its lease will expire", e.job.id(), failure);
        }
    }

    /** Stores a state change and tells the listeners; false when another node has taken the job over. */
    private boolean changed(Job job) {
        if (!repository.updated(job)) {
            Execution e = executions.get(job.id());
            if (e != null && e.job == job) e.leaseLost();
            else log.warn("Job {} attempt {} lost its lease; this node's result is discarded", job.id(), job.attempt());
            return false;
        }
        announce(job);
        return true;
    }

    /** Tells the listeners of a state change (stored already, or not stored on purpose). */
    private void announce(Job job) {
        for (JobStatusListener listener : statusListeners) {
            try {
                listener.statusChanged(job);
            } catch (RuntimeException e) {
                log.warn("A job status listener failed for job {}", job.id(), e);
            }
        }
    }

    private String fingerprint(JobRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JobStatus statusOf(StopReason reason) {
        return switch (reason) {
            case CANCELLED -> JobStatus.CANCELLED;
            case DIVERGED -> JobStatus.DIVERGED;
            case TIME_LIMIT -> JobStatus.TIMED_OUT;
            default -> JobStatus.SUCCEEDED;
        };
    }

    /** One job's run on a worker, with the handle to stop it. */
    private final class Execution implements Runnable, RunListener {
        final Job job;
        final RunControl control;
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong iterationsCounted = new AtomicLong();
        volatile boolean abandoned;
        /** Shutting down: the run stops after a checkpoint and the job goes back to the store, unfinished. */
        volatile boolean handingOver;
        volatile double[] start;
        JobRepository.TrajectoryWriter trajectory;

        Execution(Job job) {
            this.job = job;
            this.control = new RunControl();
        }

        @Override
        public void run() {
            Instant started = Instant.now();
            if (abandoned || !job.start(started)) {
                finished();
                return;
            }
            // A short run never writes its start: its final state, start time included, is one write.
            announce(job);
            ScheduledFuture<?> startWrite = timers.schedule(this::storeStart, START_WRITE_DELAY.toNanos(),
                    TimeUnit.NANOSECONDS);
            running.incrementAndGet();
            metrics.started(job.problemType(), job.optimizerType(), Duration.between(job.createdAt(), started));
            try {
                execute(started);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                if (abandoned || handingOver) return;
                if (e instanceof dev.descent.optimizer.UnsuitableProblemException) {
                    log.info("Job {} failed: {}", job.id(), e.getMessage());
                } else {
                    log.warn("Job {} failed", job.id(), e);
                }
                String why = e instanceof OutOfMemoryError ? "out of memory"
                        : e instanceof StackOverflowError ? "stack overflow" : String.valueOf(e.getMessage());
                if (job.fail("The run failed: " + why, Instant.now())) {
                    changed(job);
                    metrics.finished(job.problemType(), job.optimizerType(), JobStatus.FAILED.name(),
                            Duration.between(started, Instant.now()));
                }
            } finally {
                startWrite.cancel(false);
                running.decrementAndGet();
                finished();
            }
        }

        private void execute(Instant started) {
            JobRequest request = job.request();
            Problem problem = problems.create(request.problem());
            // A job taken over from a node that died continues from that node's last checkpoint.
            Checkpoint checkpoint = job.attempt() > 1 ? repository.checkpoint(job.id()).orElse(null) : null;
            Duration limit = request.stopping().timeLimit();
            if (limit != null) {
                Duration left = checkpoint == null ? limit : limit.minusNanos((long) (checkpoint.elapsedMillis() * 1e6));
                control.deadline(System.nanoTime() + left.toNanos());
                timers.schedule(() -> awaitOrForce(JobStatus.TIMED_OUT, StopReason.TIME_LIMIT),
                        Math.max(0, left.plus(STOP_GRACE).toNanos()), TimeUnit.NANOSECONDS);
            }
            double[] start = request.initialPoint() != null ? request.initialPoint().clone() : problem.defaultStart();
            this.start = start.clone();
            Optimizer optimizer;
            Schedule schedule;
            if (checkpoint != null) {
                log.info("Job {} attempt {} continues from its checkpoint at iteration {}", job.id(), job.attempt(),
                        checkpoint.iteration());
                RunState.Restored restored = RunState.restore(checkpoint.state(), problem);
                optimizer = restored.optimizer();
                schedule = restored.schedule();
            } else {
                OptimizerSpec spec = request.optimizer();
                schedule = request.schedule().build(spec.learningRate());
                optimizer = spec.create(problem, schedule, request.seed());
            }
            trajectory = repository.trajectoryWriter(job);
            Run run = new Run(problem, optimizer, schedule, request.stopping(), request.recording(), control, this)
                    .checkpointEvery(properties.checkpointInterval());
            RunOutcome out = checkpoint != null ? run.resume(checkpoint) : run.execute(start);
            if (abandoned || handingOver) return; // another attempt owns the outcome
            countIterations(out.iterations());
            JobStatus status = statusOf(out.stopReason());
            Map<String, Object> details = new java.util.LinkedHashMap<>(
                    Double.isFinite(out.loss()) ? problem.describe(out.x()) : Map.of());
            details.putAll(optimizer.describe());
            JobResult result = new JobResult(out.x(), Job.finite(out.loss()), Job.finite(out.gradientNorm()),
                    out.iterations(), out.functionEvaluations(), out.gradientEvaluations(),
                    out.stopReason(), out.message(), details);
            if (job.finish(status, result, Instant.now())) {
                changed(job);
                metrics.finished(job.problemType(), job.optimizerType(), status.name(),
                        Duration.between(started, job.finishedAt()));
            }
        }

        @Override
        public void point(long iteration, double loss, double gradientNorm, double learningRate, double elapsedMillis,
                          double[] x, boolean last) {
            if (!abandoned) trajectory.append(iteration, loss, gradientNorm, learningRate, elapsedMillis, x, last);
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
            if (!abandoned) repository.checkpoint(job, checkpoint);
        }

        @Override
        public void progress(Progress progress) {
            job.progress(progress);
            countIterations(progress.iteration());
        }

        private void countIterations(long total) {
            long before = iterationsCounted.getAndSet(Math.max(total, iterationsCounted.get()));
            metrics.iterations(job.problemType(), job.optimizerType(), total - before);
        }

        /** Waits briefly for the run to stop by itself, else finishes the job from its last snapshot. */
        void awaitOrForce(JobStatus status, StopReason reason) {
            try {
                if (done.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (job.status() != JobStatus.RUNNING) return;
            Progress p = job.lastSnapshot();
            JobResult result = p == null
                    ? new JobResult(start, null, null, 0, 0, 0, reason,
                            "stopped before the first evaluation finished", Map.of())
                    : new JobResult(p.bestX(), Job.finite(p.bestLoss()), Job.finite(p.bestGradientNorm()), p.iteration(),
                            p.functionEvaluations(), p.gradientEvaluations(), reason,
                            "stopped during a long iteration; result holds the best point of the last progress report",
                            Map.of());
            if (job.finish(status, result, Instant.now())) {
                abandoned = true;
                changed(job);
                metrics.finished(job.problemType(), job.optimizerType(), status.name(),
                        Duration.between(job.startedAt(), job.finishedAt()));
            }
        }

        /** Tells the store that the run is going on; a lease found lost stops the run, whose result is discarded. */
        private void storeStart() {
            if (abandoned || job.status() != JobStatus.RUNNING) return;
            try {
                if (!repository.started(job)) leaseLost();
            } catch (RuntimeException e) {
                log.warn("Could not store the start of job {}; its final state will carry it", job.id(), e);
            }
        }

        /** Another node has taken the job over: the run stops and its result is discarded. */
        void leaseLost() {
            log.warn("Job {} attempt {} lost its lease; this node's run stops and its result is discarded", job.id(),
                    job.attempt());
            abandoned = true;
            control.cancel();
        }

        private void finished() {
            executions.remove(job.id(), this);
            done.countDown();
        }
    }
}
