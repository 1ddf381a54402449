package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.engine.RecordingSpec;
import dev.descent.optimizer.GdSpec;
import dev.descent.problem.FunctionSpec;
import dev.descent.stopping.StopReason;
import dev.descent.stopping.StoppingSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobRepository} must do; extended once per implementation. */
abstract class JobRepositoryContract {
    private final JobIds ids = new JobIds();
    JobRepository repository;

    /** A fresh, empty repository keeping at most {@code maxRetainedJobs} finished jobs. */
    abstract JobRepository create(int maxTrajectoryPoints, int maxRetainedJobs);

    @BeforeEach
    void fresh() {
        repository = create(1000, 1000);
    }

    Job job(String idempotencyKey, String fingerprint) {
        JobRequest request = new JobRequest(null, new FunctionSpec("sphere", 2), new GdSpec(null, null, null, null, null, null),
                null, StoppingSpec.defaults(), null, 1L, new RecordingSpec(null, true), false)
                .completed(new GdSpec(null, null, null, null, null, null), 1);
        return new Job(ids.next(), request, "function", "gd", 2, Instant.now(), idempotencyKey, fingerprint)
                .claimedBy("node-a", 1);
    }

    void finish(Job job, Instant at) {
        job.start(at);
        job.finish(JobStatus.SUCCEEDED, new JobResult(new double[] {0, 0}, 0.0, 0.0, 1, 2, 2,
                StopReason.GRADIENT_TOLERANCE, "done", Map.of()), at);
        repository.updated(job);
    }

    @Test
    void insertedJobIsFoundAndListedNewestFirst() {
        Job a = job(null, "a"), b = job(null, "b"), c = job(null, "c");
        List.of(a, b, c).forEach(repository::insert);
        assertThat(repository.find(b.id())).contains(b);
        assertThat(repository.list(null, null, 10)).extracting(Job::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(repository.list(null, c.id(), 10)).extracting(Job::id).containsExactly(b.id(), a.id());
        assertThat(repository.list(null, null, 2)).extracting(Job::id).containsExactly(c.id(), b.id());
    }

    @Test
    void listingForAClientShowsOnlyItsJobsAndTheOwnerIsStored() {
        Job a = job(null, "a").ownedBy("alice"), b = job(null, "b").ownedBy("bob"), open = job(null, "c");
        List.of(a, b, open).forEach(repository::insert);
        assertThat(repository.list("alice", null, null, 10)).extracting(Job::id).containsExactly(a.id());
        assertThat(repository.list(null, null, null, 10)).extracting(Job::id).containsExactly(open.id(), b.id(), a.id());
        finish(a, Instant.now());
        assertThat(repository.list("alice", JobStatus.SUCCEEDED, null, 10)).extracting(Job::client).containsExactly("alice");
        assertThat(repository.find(a.id()).orElseThrow().client()).isEqualTo("alice");
        assertThat(repository.find(open.id()).orElseThrow().client()).isNull();
    }

    @Test
    void countingActiveJobsCountsOnlyTheClientsQueuedAndRunningOnes() {
        Job queued = job(null, "a").ownedBy("alice"), running = job(null, "b").ownedBy("alice"),
                done = job(null, "c").ownedBy("alice"), bobs = job(null, "d").ownedBy("bob"), open = job(null, "e");
        List.of(queued, running, done, bobs, open).forEach(repository::insert);
        running.start(Instant.now());
        repository.updated(running);
        finish(done, Instant.now());
        assertThat(repository.countActive("alice")).isEqualTo(2);
        assertThat(repository.countActive("bob")).isEqualTo(1);
        assertThat(repository.countActive("carol")).isZero();
        queued.cancelQueued(Instant.now());
        repository.updated(queued);
        assertThat(repository.countActive("alice")).isEqualTo(1);
    }

    @Test
    void listingFiltersByStatus() {
        Job a = job(null, "a"), b = job(null, "b");
        repository.insert(a);
        repository.insert(b);
        finish(a, Instant.now());
        assertThat(repository.list(JobStatus.SUCCEEDED, null, 10)).extracting(Job::id).containsExactly(a.id());
        assertThat(repository.list(JobStatus.QUEUED, null, 10)).extracting(Job::id).containsExactly(b.id());
    }

    @Test
    void aTakenIdempotencyKeyReturnsTheJobHoldingIt() {
        Job first = job("key-1", "f1");
        assertThat(repository.insert(first)).isEmpty();
        Job second = job("key-1", "f2");
        assertThat(repository.insert(second)).contains(first);
        assertThat(repository.find(second.id())).isEmpty();
    }

    @Test
    void deletingAJobFreesItsIdempotencyKeyAndDropsItsTrajectory() {
        Job first = job("key-2", "f");
        repository.insert(first);
        repository.trajectoryWriter(first).append(0, 1, 1, 0.1, 0, new double[] {1, 1}, true);
        finish(first, Instant.now());
        assertThat(repository.delete(first.id())).isTrue();
        assertThat(repository.delete(first.id())).isFalse();
        assertThat(repository.trajectory(first.id(), -1, 10).points()).isEmpty();
        assertThat(repository.insert(job("key-2", "g"))).isEmpty();
    }

    @Test
    void trajectoryIsReadBackInPagesWithPoints() {
        Job j = job(null, "t");
        repository.insert(j);
        JobRepository.TrajectoryWriter writer = repository.trajectoryWriter(j);
        for (int k = 0; k <= 10; k++) writer.append(k, 10 - k, 1, 0.1, k, new double[] {k, -k}, k == 10);
        JobRepository.TrajectoryPage first = repository.trajectory(j.id(), -1, 4);
        assertThat(first.points()).extracting(TrajectoryPoint::iteration).containsExactly(0L, 1L, 2L, 3L);
        assertThat(first.more()).isTrue();
        assertThat(first.total()).isEqualTo(11);
        assertThat(first.points().get(3).x()).containsExactly(3, -3);
        JobRepository.TrajectoryPage last = repository.trajectory(j.id(), 7, 4);
        assertThat(last.points()).extracting(TrajectoryPoint::iteration).containsExactly(8L, 9L, 10L);
        assertThat(last.more()).isFalse();
        assertThat(repository.trajectorySpread(j.id(), 3).points()).extracting(TrajectoryPoint::iteration)
                .hasSize(3).startsWith(0L).endsWith(10L);
    }

    @Test
    void retentionDeletesOnlyFinishedJobsOlderThanTheCutoff() {
        Instant now = Instant.now();
        Job old = job(null, "o"), recent = job(null, "r"), queued = job(null, "q");
        List.of(old, recent, queued).forEach(repository::insert);
        finish(old, now.minus(Duration.ofDays(8)));
        finish(recent, now.minus(Duration.ofDays(1)));
        assertThat(repository.deleteFinishedBefore(now.minus(Duration.ofDays(7)))).isEqualTo(1);
        assertThat(repository.find(old.id())).isEmpty();
        assertThat(repository.find(recent.id())).isPresent();
        assertThat(repository.find(queued.id())).isPresent();
    }
}
