package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.stopping.StopReason;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded default: an H2 file written in the background, with accepted jobs flushed by group commit. */
class H2JobRepositoryTest extends H2FileRepositoryContract {
    /**
     * After a thinning the next chunk may take the sequence number of a chunk still on its way to
     * the store; storing that older chunk must not drop the newer one from what readers see. The
     * writer thread is paused so the older chunk's insert runs while the thinning after it waits
     * for the job's row, which the test holds. The logic is the writer's, not the database's; H2's
     * row locks make the interleaving easy to force.
     */
    @Test
    void aChunkTakingTheSequenceNumberOfOneStillInFlightStaysVisible() throws Exception {
        JdbcJobRepository store = (JdbcJobRepository) (repository = create(100, 1000));
        Job job = job(null, "q");
        ChunkWriter writer = run(job);
        CountDownLatch pause = new CountDownLatch(1);
        long k = 0;
        while (!writer.thinned) writer.append(k, -k, 1, 0.1, k, new double[] {k++, 0}, false);
        writer.awaitThinned(); // the first thinning is stored before the row is locked below
        pauseWriter(store, pause);
        while (writer.stride < 4) writer.append(k, -k, 1, 0.1, k, new double[] {k++, 0}, false);
        int reused = writer.nextSeq;
        for (int i = 0; i < 10; i++, k++) writer.append(k, -k, 1, 0.1, k, new double[] {k, 0}, false);
        long last = k;
        writer.append(last, -last, 1, 0.1, last, new double[] {last, 0}, true);
        job.start(Instant.now());
        job.finish(JobStatus.SUCCEEDED, new JobResult(new double[] {0, 0}, 0.0, 0.0, last, 1, 1,
                StopReason.MAX_ITERATIONS, "done", Map.of()), Instant.now());
        repository.updated(job);
        assertThat(writer.inFlight.get(reused).chunk.last()).as("the final chunk reuses the number").isEqualTo(last);
        try (Connection holder = dataSource().getConnection(); Statement sql = holder.createStatement()) {
            holder.setAutoCommit(false);
            sql.executeQuery("SELECT id FROM jobs WHERE id = '" + job.id() + "' FOR UPDATE").close();
            pause.countDown();
            // The older chunk with that number reaches the store; the thinning behind it waits for the row.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> JdbcClient.create(dataSource())
                    .sql("SELECT COUNT(*) FROM trajectory_chunks WHERE job_id = ? AND seq = ?").params(job.id(), reused)
                    .query(Integer.class).single() == 1);
            Thread.sleep(50);
            assertThat(writer.inFlight.get(reused)).as("the final chunk is still there for readers").isNotNull();
            assertThat(writer.inFlight.get(reused).chunk.last()).isEqualTo(last);
            holder.rollback();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> repository.find(job.id()).orElseThrow() != job);
        assertThat(repository.lastPoint(job.id()).orElseThrow().iteration()).isEqualTo(last);
    }

    /** The statements H2 has run since {@code SET QUERY_STATISTICS TRUE}, upper case. */
    private static List<String> statementsRun(Statement sql) throws java.sql.SQLException {
        List<String> all = new java.util.ArrayList<>();
        try (var rs = sql.executeQuery("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            while (rs.next()) all.add(rs.getString(1).trim().toUpperCase());
        }
        return all;
    }

    /** The row of a job that ended before it was written carries its final state: no UPDATE follows the INSERT. */
    @Test
    void aJobThatEndsBeforeItsRowIsWrittenIsWrittenOnce() throws Exception {
        Job job = job(null, "a");
        // One connection stays open, so the database (and its statistics) stays open between the store's connections.
        try (Connection held = dataSource().getConnection(); Statement sql = held.createStatement()) {
            sql.execute("SET QUERY_STATISTICS TRUE");
            CountDownLatch pause = pauseWriter();
            JobRepository.Accepted accepted = repository.accept(job);
            runToTheEnd(job, 10);
            pause.countDown();
            accepted.await();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> repository.find(job.id()).orElseThrow() != job);
            assertThat(stored(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
            List<String> all = statementsRun(sql);
            assertThat(all).as("its chunk needs no fencing: the row is its own, in the same transaction")
                    .anyMatch(w -> w.startsWith("INSERT INTO TRAJECTORY_CHUNKS") && w.contains("VALUES"))
                    .noneMatch(w -> w.startsWith("INSERT INTO TRAJECTORY_CHUNKS") && w.contains("SELECT"));
            assertThat(all.stream().filter(w -> w.matches("(?s)(INSERT INTO|UPDATE) \"?JOBS\"?\\s.*")))
                    .as("%s", all).hasSize(1).allMatch(w -> w.startsWith("INSERT"));
            sql.execute("SET QUERY_STATISTICS FALSE");
        }
    }

    /** A batch that fails runs each write alone, and a job's row and its final state are then written apart again. */
    @Test
    void aFailedBatchWritesTheRowAndTheFinalStateApart() throws Exception {
        Job first = job(null, "a");
        repository.insert(first);
        Job clash = new Job(first.id(), first.request(), "function", "gd", 2, Instant.now(), null, "b").claimedBy("node-a", 1);
        Job job = job(null, "c");
        try (Connection held = dataSource().getConnection(); Statement sql = held.createStatement()) {
            sql.execute("SET QUERY_STATISTICS TRUE");
            CountDownLatch pause = pauseWriter();
            JobRepository.Accepted clashing = repository.accept(clash);
            JobRepository.Accepted accepted = repository.accept(job);
            runToTheEnd(job, 10);
            pause.countDown();
            accepted.await();
            org.assertj.core.api.Assertions.assertThatThrownBy(clashing::await)
                    .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> repository.find(job.id()).orElseThrow() != job);
            assertThat(stored(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(repository.trajectory(job.id(), Long.MIN_VALUE, 100).total()).isEqualTo(10);
            List<String> all = statementsRun(sql);
            assertThat(all).as("%s", all).anyMatch(w -> w.startsWith("UPDATE JOBS SET STATUS"));
            sql.execute("SET QUERY_STATISTICS FALSE");
        }
    }
}
