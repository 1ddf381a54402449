package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.stopping.StopReason;
import java.time.Duration;
import java.time.Instant;
import dev.descent.store.Durability;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The relational store: the shared contract plus leases, fencing, takeover and chunked trajectories. */
abstract class JdbcJobRepositoryContract extends JobRepositoryContract {

    /** A migrated, empty database. */
    abstract DataSource dataSource();


    abstract boolean skipLocked();

    /** How long full trajectory chunks wait before they are stored: at once, unless a test says otherwise. */
    java.time.Duration writeDelay() {
        return java.time.Duration.ZERO;
    }

    /** A new job in the store, and the writer of its run. */
    ChunkWriter run(Job job) {
        repository.insert(job);
        return (ChunkWriter) repository.trajectoryWriter(job);
    }

    /** Holds up the writer thread, with every write queued after this one, until {@code latch} opens. */
    static void pauseWriter(JdbcJobRepository store, java.util.concurrent.CountDownLatch latch) {
        store.writes.submit(new WriteQueue.Write() {
            @Override
            public void write() {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public boolean alone() {
                return true;
            }
        });
    }

    /** Holds up this test's store's writer thread until the latch it returns opens. */
    java.util.concurrent.CountDownLatch pauseWriter() {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        pauseWriter(jdbc(), latch);
        return latch;
    }

    /** How the store makes an accepted job durable: its commits already are, unless a test says otherwise. */
    Durability durability(DataSource ds) {
        return Durability.COMMITS;
    }

    @Override
    JobRepository create(int maxTrajectoryPoints, int maxRetainedJobs) {
        DataSource ds = dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new JdbcJobRepository(ds, new TransactionTemplate(new DataSourceTransactionManager(ds)),
                JsonMapper.builder().build(), maxTrajectoryPoints, false, skipLocked(), durability(ds), writeDelay());
    }

    JdbcJobRepository jdbc() {
        return (JdbcJobRepository) repository;
    }

    /** A job as another process would see it: read back from the database, not the live copy. */
    Job stored(String id) {
        return JdbcClient.create(dataSource()).sql("SELECT status FROM jobs WHERE id = ?").param(id)
                .query((rs, i) -> rs.getString(1)).optional()
                .map(status -> Job.restore(id, null, null, null, 0, null, null, null, JobStatus.valueOf(status), null, null,
                        null, null, null))
                .orElse(null);
    }

    /** A run of {@code points} points on {@code job}'s trajectory writer, then its end (SUCCEEDED), handed to the store. */
    void runToTheEnd(Job job, int points) {
        JobRepository.TrajectoryWriter writer = repository.trajectoryWriter(job);
        job.start(Instant.now());
        for (int k = 0; k < points; k++) writer.append(k, -k, 1, 0.1, k, new double[] {k, 0}, k == points - 1);
        job.finish(JobStatus.SUCCEEDED, new JobResult(new double[] {0, 0}, 0.0, 0.0, points - 1, 1, 1,
                StopReason.MAX_ITERATIONS, "done", Map.of()), Instant.now());
        assertThat(repository.updated(job)).isTrue();
    }

    @Test
    void anAcceptedJobIsReadableAtOnceAndStoredOnceAwaited() {
        Job job = job(null, "a");
        java.util.concurrent.CountDownLatch pause = pauseWriter();
        JobRepository.Accepted accepted = repository.accept(job);
        assertThat(repository.find(job.id())).containsSame(job);
        assertThat(stored(job.id())).as("the row is on its way").isNull();
        pause.countDown();
        accepted.await();
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.QUEUED);
        job.start(Instant.now());
        assertThat(repository.started(job)).isTrue();
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.RUNNING);
    }

    /** A job whose end is on its way to the store is listed by its end, not by its row, and only once. */
    @Test
    void aJobWhoseEndIsOnItsWayIsListedByItsEnd() {
        Job job = job(null, "a");
        repository.accept(job).await();
        JobRepository.TrajectoryWriter writer = repository.trajectoryWriter(job);
        job.start(Instant.now());
        assertThat(repository.started(job)).isTrue();
        assertThat(repository.list(null, JobStatus.RUNNING, null, 10)).containsExactly(job);
        java.util.concurrent.CountDownLatch pause = pauseWriter();
        try {
            writer.append(0, 1, 1, 0.1, 0, new double[] {0, 0}, true);
            job.finish(JobStatus.SUCCEEDED, new JobResult(new double[] {0, 0}, 0.0, 0.0, 0, 1, 1,
                    StopReason.MAX_ITERATIONS, "done", Map.of()), Instant.now());
            assertThat(repository.updated(job)).isTrue();   // the end is queued behind the pause
            assertThat(stored(job.id()).status()).as("the row is behind").isEqualTo(JobStatus.RUNNING);
            assertThat(repository.list(null, JobStatus.RUNNING, null, 10)).isEmpty();
            assertThat(repository.list(null, JobStatus.SUCCEEDED, null, 10)).containsExactly(job);
            assertThat(repository.list(null, null, null, 10)).containsExactly(job);
        } finally {
            pause.countDown();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stored(job.id()).status() == JobStatus.SUCCEEDED);
        assertThat(repository.list(null, JobStatus.SUCCEEDED, null, 10)).extracting(Job::id).containsExactly(job.id());
        assertThat(repository.list(null, JobStatus.RUNNING, null, 10)).isEmpty();
    }

    @Test
    void aJobThatEndsBeforeItsRowIsWrittenIsStoredFinishedWithItsWholeTrajectory() {
        Job job = job(null, "a");
        java.util.concurrent.CountDownLatch pause = pauseWriter();
        JobRepository.Accepted accepted = repository.accept(job);
        runToTheEnd(job, 50);
        pause.countDown();
        accepted.await();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> repository.find(job.id()).orElseThrow() != job);
        Job read = repository.find(job.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(read.startedAt()).isEqualTo(job.startedAt());
        assertThat(read.finishedAt()).isEqualTo(job.finishedAt());
        assertThat(read.result().message()).isEqualTo("done");
        JobRepository.TrajectoryPage page = repository.trajectory(job.id(), Long.MIN_VALUE, 1000);
        assertThat(page.total()).isEqualTo(50);
        assertThat(page.points()).extracting(TrajectoryPoint::iteration).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 50).boxed().toList());
    }

    @Test
    void aRowThatCannotBeWrittenFailsOnlyItsOwnSubmission() {
        Job first = job(null, "a");
        repository.insert(first);
        Job clash = new Job(first.id(), first.request(), "function", "gd", 2, Instant.now(), null, "b").claimedBy("node-a", 1);
        Job other = job(null, "c");
        java.util.concurrent.CountDownLatch pause = pauseWriter();
        JobRepository.Accepted clashing = repository.accept(clash);
        JobRepository.Accepted fine = repository.accept(other);
        pause.countDown();
        // Both rows are in one batch: the clash rolls it back, and each is written again alone.
        org.assertj.core.api.Assertions.assertThatThrownBy(clashing::await)
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        clashing.withdraw();
        fine.await();
        assertThat(stored(other.id()).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(repository.find(first.id()).orElseThrow().fingerprint()).isEqualTo("a");
    }

    @Test
    void aWithdrawnJobIsNeverStored() {
        Job job = job(null, "a"), after = job(null, "b");
        java.util.concurrent.CountDownLatch pause = pauseWriter();
        repository.accept(job).withdraw();
        JobRepository.Accepted next = repository.accept(after);
        assertThat(repository.find(job.id())).isEmpty();
        pause.countDown();
        next.await();
        assertThat(stored(job.id())).isNull();
        assertThat(repository.find(job.id())).isEmpty();
        // Withdrawn after its row was written (the client was refused after all): the row goes too.
        Job late = job(null, "c");
        JobRepository.Accepted accepted = repository.accept(late);
        accepted.await();
        assertThat(stored(late.id()).status()).isEqualTo(JobStatus.QUEUED);
        accepted.withdraw();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stored(late.id()) == null);
        assertThat(repository.find(late.id())).isEmpty();
    }

    @Test
    void aStaleAttemptCannotOverwriteTheJobsNewOwner() {
        Job job = job(null, "f");
        repository.insert(job);
        job.start(Instant.now());
        assertThat(repository.updated(job)).isTrue();
        // node-a stops renewing; node-b takes the job over after the lease.
        List<Job> taken = repository.reclaim("node-b", Instant.now().plusSeconds(3600), false, 3);
        assertThat(taken).extracting(Job::id).containsExactly(job.id());
        assertThat(taken.get(0).attempt()).isEqualTo(2);
        assertThat(taken.get(0).status()).isEqualTo(JobStatus.QUEUED);
        job.finish(JobStatus.SUCCEEDED, new JobResult(new double[] {0, 0}, 0.0, 0.0, 1, 1, 1,
                StopReason.GRADIENT_TOLERANCE, "stale", Map.of()), Instant.now());
        assertThat(repository.updated(job)).as("node-a's late result is fenced out").isFalse();
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.QUEUED);
        Job next = taken.get(0);
        next.start(Instant.now());
        assertThat(repository.updated(next)).isTrue();
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void renewedLeasesAreNotTakenOverAndAJobPastItsAttemptsFails() {
        Job job = job(null, "f"), other = job(null, "g");
        repository.insert(job);
        repository.insert(other);
        Instant later = Instant.now().plusSeconds(600);
        repository.renewLease("node-a", later.plusSeconds(600));
        assertThat(repository.reclaim("node-b", later, false, 3)).as("one renewal covers all of node-a's jobs").isEmpty();
        Instant muchLater = later.plusSeconds(3600);
        assertThat(repository.reclaim("node-b", muchLater, false, 1)).isEmpty();
        Job failed = repository.find(job.id()).orElseThrow();
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.FAILED);
        assertThat(stored(other.id()).status()).isEqualTo(JobStatus.FAILED);
        assertThat(repository.list(JobStatus.FAILED, null, 10)).extracting(Job::id).contains(job.id(), other.id());
        assertThat(failed).isNotNull();
    }

    @Test
    void cancelRequestsReachTheOwnerAndReleaseHandsTheJobBack() {
        Job job = job(null, "f");
        repository.insert(job);
        assertThat(repository.requestCancel(job.id())).isTrue();
        assertThat(repository.cancelRequested("node-a")).containsExactly(job.id());
        assertThat(repository.cancelRequested("node-b")).isEmpty();
        repository.release(job);
        List<Job> taken = repository.reclaim("node-b", Instant.now(), false, 3);
        assertThat(taken).extracting(Job::id).containsExactly(job.id());
    }

    @Test
    void trajectoryChunksAreWrittenOffTheRunThreadAndThinnedPastTheCap() {
        repository = create(100, 1000);
        Job job = job(null, "t");
        JobRepository.TrajectoryWriter writer = run(job);
        for (int k = 0; k <= 1000; k++) writer.append(k, 1000 - k, 1, 0.1, k, new double[] {k, 0}, false);
        writer.append(1000, 0, 1, 0.1, 1000, new double[] {1000, 0}, true);
        job.start(Instant.now());
        job.finish(JobStatus.SUCCEEDED, new JobResult(new double[] {0, 0}, 0.0, 0.0, 1000, 1, 1,
                StopReason.MAX_ITERATIONS, "done", Map.of()), Instant.now());
        repository.updated(job);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> repository.find(job.id()).orElseThrow() != job);
        JobRepository.TrajectoryPage page = repository.trajectory(job.id(), -1, 1000);
        assertThat(page.total()).isLessThanOrEqualTo(100);
        assertThat(page.thinned()).isTrue();
        List<Long> iterations = page.points().stream().map(TrajectoryPoint::iteration).toList();
        assertThat(iterations.get(0)).isZero();
        assertThat(iterations.get(iterations.size() - 1)).isEqualTo(1000);
        assertThat(iterations).isSorted().doesNotHaveDuplicates();
        // Evenly thinned: a constant gap between kept points except next to the final one.
        long gap = iterations.get(1) - iterations.get(0);
        for (int i = 1; i < iterations.size() - 1; i++) assertThat(iterations.get(i) - iterations.get(i - 1)).isEqualTo(gap);
        // Every kept point is whole: its own loss and x, whichever chunk and rewrite it went through.
        for (TrajectoryPoint p : page.points()) {
            assertThat(p.loss()).as("loss at %d", p.iteration()).isEqualTo(1000.0 - p.iteration());
            assertThat(p.x()).as("x at %d", p.iteration()).containsExactly(p.iteration(), 0);
            assertThat(p.elapsedMillis()).isEqualTo(p.iteration());
        }
        assertThat(repository.lastPoint(job.id()).orElseThrow().iteration()).isEqualTo(1000);
    }

    @Test
    void aFinalStateLandsTogetherWithTheLastPointsAndAStartWriteNeverUndoesIt() {
        Job job = job(null, "s");
        JobRepository.TrajectoryWriter writer = run(job);
        for (int k = 0; k <= 10; k++) writer.append(k, 10 - k, 1, 0.1, k, new double[] {k, 0}, k == 10);
        job.start(Instant.now());
        assertThat(stored(job.id()).status()).as("a start is not written until asked").isEqualTo(JobStatus.QUEUED);
        assertThat(repository.started(job)).isTrue();
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.RUNNING);
        job.finish(JobStatus.SUCCEEDED, new JobResult(new double[] {0, 0}, 0.0, 0.0, 10, 1, 1,
                StopReason.MAX_ITERATIONS, "done", Map.of()), Instant.now());
        assertThat(repository.updated(job)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> repository.find(job.id()).orElseThrow() != job);
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(repository.trajectory(job.id(), -1, 100).total()).isEqualTo(11);
        // A late start write (its timer fired as the run ended) keeps the final state.
        assertThat(repository.started(job)).isTrue();
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        // Fenced like every write: after a takeover the old attempt's start write lands nowhere.
        Job other = job(null, "o");
        repository.insert(other);
        other.start(Instant.now());
        List<Job> taken = repository.reclaim("node-b", Instant.now().plusSeconds(3600), false, 3);
        assertThat(taken).extracting(Job::id).contains(other.id());
        assertThat(repository.started(other)).isFalse();
        assertThat(stored(other.id()).status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void aRunRecordingFasterThanTheStoreWritesWaitsSoUnwrittenPointsStayBounded() {
        JdbcJobRepository store = (JdbcJobRepository) (repository = create(100_000, 1000));
        Job job = job(null, "w");
        JobRepository.TrajectoryWriter writer = run(job);
        // Points of 1000 doubles: 40 MiB of trajectory in all, more than the bound, in about 1 MiB chunks.
        double[] x = new double[1000];
        int points = (40 << 20) / (40 + 8 * 1000);
        int most = 0;
        for (int k = 0; k < points; k++) {
            x[0] = k;
            writer.append(k, -k, 1, 0.1, k, x, k == points - 1);
            most = Math.max(most, store.unwrittenBytes());
        }
        assertThat(most).isPositive().isLessThanOrEqualTo(JdbcJobRepository.MAX_UNWRITTEN_BYTES);
        job.start(Instant.now());
        job.finish(JobStatus.SUCCEEDED, new JobResult(new double[] {0, 0}, 0.0, 0.0, points, 1, 1,
                StopReason.MAX_ITERATIONS, "done", Map.of()), Instant.now());
        repository.updated(job);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> repository.find(job.id()).orElseThrow() != job);
        assertThat(store.unwrittenBytes()).isZero();
        assertThat(repository.trajectory(job.id(), -1, 10).total()).isEqualTo(points);
        assertThat(repository.lastPoint(job.id()).orElseThrow().x()[0]).isEqualTo(points - 1);
    }
}
