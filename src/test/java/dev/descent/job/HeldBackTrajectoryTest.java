package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.stopping.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs hold their full trajectory chunks back from the writer thread for a while
 * ({@code descent.jobs.trajectory-write-delay}): the whole repository contract with a delay far longer
 * than any test (so every chunk of a short run is stored with its result), and what the holding
 * itself promises: readers see held chunks, the run's own clock lets them go, handing a job back
 * stores them, and abandoning a run gives their memory back.
 */
class HeldBackTrajectoryTest extends H2FileRepositoryContract {
    private Duration writeDelay = Duration.ofHours(1);

    @Override
    Duration writeDelay() {
        return writeDelay;
    }

    private int storedPoints(Job job) {
        return JdbcClient.create(dataSource()).sql("SELECT COALESCE(SUM(points), 0) FROM trajectory_chunks WHERE job_id = ?")
                .param(job.id()).query(Integer.class).single();
    }

    /** Appends points 0 … count−1, point k at k milliseconds of the run's clock. */
    private static void append(JobRepository.TrajectoryWriter writer, long from, long count) {
        for (long k = from; k < from + count; k++) writer.append(k, -k, 1, 0.1, k, new double[] {k, 0}, false);
    }

    /** Appends points 0 … count−1 with other values than {@link #append}'s: loss 7k, x (−k, 1). */
    private static void appendOther(JobRepository.TrajectoryWriter writer, long count) {
        for (long k = 0; k < count; k++) writer.append(k, 7 * k, 2, 0.5, k, new double[] {-k, 1}, false);
    }

    private void awaitStored(Job job) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> repository.find(job.id()).orElseThrow() != job);
    }

    private void finishAt(Job job, JobRepository.TrajectoryWriter writer, long last) {
        writer.append(last, -last, 1, 0.1, last, new double[] {last, 0}, true);
        job.start(Instant.now());
        job.finish(JobStatus.SUCCEEDED, new JobResult(new double[] {0, 0}, 0.0, 0.0, last, 1, 1,
                StopReason.MAX_ITERATIONS, "done", Map.of()), Instant.now());
        repository.updated(job);
    }

    @Test
    void aShortRunsChunksAreReadableAtOnceAndStoredWithItsResult() {
        JdbcJobRepository store = (JdbcJobRepository) (repository = create(100_000, 1000));
        Job job = job(null, "q");
        JobRepository.TrajectoryWriter writer = run(job);
        append(writer, 0, 20_000);
        assertThat(((ChunkWriter) writer).nextSeq).as("full chunks so far").isGreaterThan(3);
        assertThat(storedPoints(job)).as("nothing stored while the run is young").isZero();
        assertThat(store.deferredBytes.get()).isPositive();
        var page = repository.trajectory(job.id(), -1, 30_000);
        assertThat(page.total()).isEqualTo(20_000);
        assertThat(page.points()).hasSize(20_000);
        assertThat(page.points().get(12_345).iteration()).isEqualTo(12_345);

        finishAt(job, writer, 20_000);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> repository.find(job.id()).orElseThrow() != job);
        assertThat(storedPoints(job)).isEqualTo(20_001);
        assertThat(repository.trajectory(job.id(), 19_990, 100).points()).extracting(TrajectoryPoint::iteration)
                .containsExactly(19_991L, 19_992L, 19_993L, 19_994L, 19_995L, 19_996L, 19_997L, 19_998L, 19_999L, 20_000L);
        assertThat(store.deferredBytes.get()).isZero();
        assertThat(store.unwrittenBytes()).isZero();
    }

    @Test
    void chunksGoToTheStoreOnceTheRunsClockPassesTheDelay() {
        writeDelay = Duration.ofSeconds(10);
        repository = create(100_000, 1000);
        Job job = job(null, "q");
        JobRepository.TrajectoryWriter writer = run(job);
        append(writer, 0, 9_000);   // 9 s of the run's clock: two chunks full, the first at 4.1 s
        assertThat(((ChunkWriter) writer).nextSeq).isGreaterThan(1);
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> storedPoints(job) == 0);
        append(writer, 9_000, 5_200);  // now the oldest held chunk is over 10 s old
        int full = ((ChunkWriter) writer).stored;
        assertThat(full).isGreaterThan(8_000);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> storedPoints(job) == full);
    }

    @Test
    void handingAJobBackStoresTheChunksItHeld() {
        repository = create(100_000, 1000);
        Job job = job(null, "q");
        JobRepository.TrajectoryWriter writer = run(job);
        append(writer, 0, 5_000);
        int full = ((ChunkWriter) writer).stored;
        assertThat(full).isPositive();
        repository.release(job);
        assertThat(storedPoints(job)).isEqualTo(full);
    }

    @Test
    void abandoningARunGivesItsHeldChunksMemoryBack() {
        JdbcJobRepository store = (JdbcJobRepository) (repository = create(100_000, 1000));
        Job job = job(null, "q");
        ChunkWriter writer = run(job);
        append(writer, 0, 10_000);
        assertThat(store.deferredBytes.get()).isPositive();
        writer.abandon();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.unwrittenBytes() == 0);
        assertThat(store.deferredBytes.get()).isZero();
        assertThat(storedPoints(job)).isZero();
    }

    @Test
    void storedBlocksAreFilledAgainByTheNextRun() {
        JdbcJobRepository store = (JdbcJobRepository) (repository = create(100_000, 1000));
        Job first = job(null, "q");
        ChunkWriter writer = run(first);
        long block = 8L * writer.capacity * (5 + 2);
        append(writer, 0, 20_000);
        assertThat(store.blocks.bytes()).as("nothing stored yet, so nothing to reuse").isZero();
        finishAt(first, writer, 20_000);
        awaitStored(first);
        // Blocks 2–5 (the first one starts small and grows into a new one) and the final one.
        assertThat(store.blocks.bytes()).isEqualTo(5 * block);

        Job second = job(null, "q");
        ChunkWriter next = run(second);
        appendOther(next, 12_000);
        assertThat(store.blocks.bytes()).as("the second run took three blocks").isEqualTo(2 * block);
        finishAt(second, next, 12_000);
        awaitStored(second);

        var a = repository.trajectory(first.id(), -1, 30_000).points();
        var b = repository.trajectory(second.id(), -1, 30_000).points();
        assertThat(a).hasSize(20_001);
        assertThat(b).hasSize(12_001);
        for (int k = 0; k < 20_000; k++) {
            assertThat(a.get(k).loss()).isEqualTo(-k);
            assertThat(a.get(k).x()).containsExactly(k, 0);
        }
        for (int k = 0; k < 12_000; k++) {
            assertThat(b.get(k).loss()).isEqualTo(7.0 * k);
            assertThat(b.get(k).x()).containsExactly(-k, 1);
        }
    }

    @Test
    void aChunkAReaderHasIsNeverFilledAgain() {
        JdbcJobRepository store = (JdbcJobRepository) (repository = create(100_000, 1000));
        Job first = job(null, "q");
        ChunkWriter writer = run(first);
        append(writer, 0, 10_000);
        Map<Integer, TrajectoryChunk> read = writer.pending();
        assertThat(read).hasSize(3);   // two full chunks and the open block's copy
        finishAt(first, writer, 10_000);
        awaitStored(first);
        assertThat(store.blocks.bytes()).as("only the final block, which no reader had").isEqualTo(8L * writer.capacity * 7);

        appendOther(run(job(null, "q")), 20_000);
        for (TrajectoryChunk chunk : read.values()) {
            for (int i = 0; i < chunk.points(); i++) {
                long k = chunk.iteration(i);
                assertThat(chunk.loss(i)).isEqualTo(-k);
                assertThat(chunk.x(i, 0)).isEqualTo(k);
            }
        }
    }

    /** A run that has ended no longer counts against its client's quota, though its final write is still on its way. */
    @Test
    void anEndedRunStopsCountingAsActiveBeforeItsFinalStateIsStored() throws Exception {
        JdbcJobRepository store = (JdbcJobRepository) (repository = create(100_000, 1000));
        Job job = job(null, "q").ownedBy("alice");
        JobRepository.TrajectoryWriter writer = run(job);
        append(writer, 0, 10_000);
        java.util.concurrent.CountDownLatch pause = new java.util.concurrent.CountDownLatch(1);
        pauseWriter(store, pause);
        assertThat(repository.countActive("alice")).isEqualTo(1);
        finishAt(job, writer, 10_000);
        try {
            assertThat(stored(job.id()).status()).as("the store has not heard yet").isEqualTo(JobStatus.QUEUED);
            assertThat(repository.countActive("alice")).isZero();
        } finally {
            pause.countDown();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stored(job.id()).status() == JobStatus.SUCCEEDED);
        assertThat(repository.countActive("alice")).isZero();
    }
}
