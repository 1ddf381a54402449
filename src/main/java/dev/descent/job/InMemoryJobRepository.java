package dev.descent.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jobs and trajectories in memory, lost on restart. Keeps at most {@code maxRetainedJobs}
 * finished jobs (the oldest go first) besides the retention by age.
 */
public final class InMemoryJobRepository implements JobRepository {
    private final NavigableMap<String, Job> jobs = new ConcurrentSkipListMap<>(Comparator.reverseOrder());
    private final Map<String, Trajectory> trajectories = new ConcurrentHashMap<>();
    private final Map<String, String> idempotencyKeys = new ConcurrentHashMap<>();
    private final int maxTrajectoryPoints;
    private final int maxRetainedJobs;
    private final AtomicInteger finished = new AtomicInteger();
    private final java.util.Set<String> cancelRequests = ConcurrentHashMap.newKeySet();
    private final Map<String, dev.descent.engine.Checkpoint> checkpoints = new ConcurrentHashMap<>();

    public InMemoryJobRepository(int maxTrajectoryPoints, int maxRetainedJobs) {
        this.maxTrajectoryPoints = maxTrajectoryPoints;
        this.maxRetainedJobs = maxRetainedJobs;
    }

    @Override
    public Optional<Job> insert(Job job) {
        if (job.idempotencyKey().isPresent()) {
            String holder = idempotencyKeys.putIfAbsent(job.idempotencyKey().get(), job.id());
            if (holder != null) {
                Job existing = jobs.get(holder);
                if (existing != null) return Optional.of(existing);
                idempotencyKeys.put(job.idempotencyKey().get(), job.id()); // its job was deleted
            }
        }
        jobs.put(job.id(), job);
        return Optional.empty();
    }

    @Override
    public Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public List<Job> list(String client, JobStatus status, String cursor, int limit) {
        NavigableMap<String, Job> view = cursor == null ? jobs : jobs.tailMap(cursor, false);
        List<Job> out = new ArrayList<>(Math.min(limit, 1024));
        for (Job job : view.values()) {
            if ((status == null || job.status() == status) && (client == null || client.equals(job.client()))) {
                out.add(job);
                if (out.size() == limit) break;
            }
        }
        return out;
    }

    @Override
    public long countActive(String client) {
        return jobs.values().stream().filter(job -> client.equals(job.client()) && !job.status().finished()).count();
    }

    @Override
    public boolean updated(Job job) {
        if (jobs.get(job.id()) != job) return false; // released or deleted meanwhile
        // Called once when a job reaches its final state.
        if (job.status().finished() && finished.incrementAndGet() > maxRetainedJobs) evictOldestFinished();
        return true;
    }

    /** The job is its own stored state here. */
    @Override
    public boolean started(Job job) {
        return jobs.get(job.id()) == job;
    }

    /** Memory is this process's own: nobody else holds leases. */
    @Override
    public boolean exclusive() {
        return true;
    }

    @Override
    public void renewLease(String node, Instant until) {
        // nothing outlives this process, so leases never expire
    }

    @Override
    public List<String> cancelRequested(String owner) {
        return List.copyOf(cancelRequests);
    }

    @Override
    public boolean requestCancel(String id) {
        Job job = jobs.get(id);
        if (job == null || job.status().finished()) return false;
        cancelRequests.add(id);
        return true;
    }

    /** Jobs in memory die with the process, so there is never anything to take over. */
    @Override
    public List<Job> reclaim(String owner, Instant now, boolean everyone, int maxAttempts) {
        return List.of();
    }

    @Override
    public void release(Job job) {
        // Nothing survives this process to hand over.
    }

    /** Kept for the contract; nothing in memory outlives the run that made it. */
    @Override
    public void checkpoint(Job job, dev.descent.engine.Checkpoint checkpoint) {
        if (jobs.containsKey(job.id())) checkpoints.put(job.id(), checkpoint);
    }

    @Override
    public Optional<dev.descent.engine.Checkpoint> checkpoint(String id) {
        return Optional.ofNullable(checkpoints.get(id));
    }

    @Override
    public boolean delete(String id) {
        Job job = jobs.remove(id);
        trajectories.remove(id);
        cancelRequests.remove(id);
        checkpoints.remove(id);
        if (job == null) return false;
        if (job.status().finished()) finished.decrementAndGet();
        job.idempotencyKey().ifPresent(key -> idempotencyKeys.remove(key, id));
        return true;
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        int n = 0;
        for (Job job : jobs.values()) {
            Instant finished = job.finishedAt();
            if (job.status().finished() && finished != null && finished.isBefore(cutoff) && delete(job.id())) n++;
        }
        return n;
    }

    @Override
    public Optional<TrajectoryPoint> lastPoint(String id) {
        Trajectory t = trajectories.get(id);
        return t == null ? Optional.empty() : t.last();
    }

    @Override
    public TrajectoryWriter trajectoryWriter(Job job) {
        int width = job.request().recording().includePoint() ? job.dimension() : 0;
        Trajectory trajectory = new Trajectory(maxTrajectoryPoints, width, job::markTrajectoryThinned);
        trajectories.put(job.id(), trajectory);
        return trajectory::append;
    }

    @Override
    public TrajectoryPage trajectory(String id, long after, int limit) {
        Trajectory t = trajectories.get(id);
        if (t == null) return new TrajectoryPage(List.of(), 0, false, false);
        List<TrajectoryPoint> points = t.after(after, limit);
        long last = points.isEmpty() ? after : points.get(points.size() - 1).iteration();
        return new TrajectoryPage(points, t.size(), t.hasAfter(last), t.thinned());
    }

    @Override
    public TrajectoryPage trajectorySpread(String id, int count) {
        Trajectory t = trajectories.get(id);
        if (t == null) return new TrajectoryPage(List.of(), 0, false, false);
        return new TrajectoryPage(t.spread(count), t.size(), false, t.thinned());
    }

    private void evictOldestFinished() {
        for (Job job : jobs.descendingMap().values()) {
            if (finished.get() <= maxRetainedJobs) break;
            if (job.status().finished()) delete(job.id());
        }
    }
}
