package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.engine.RecordingSpec;
import dev.descent.optimizer.GdSpec;
import dev.descent.problem.FunctionSpec;
import dev.descent.stopping.StoppingSpec;
import dev.descent.store.GroupFlush;
import dev.descent.store.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded store's journal: an accepted job is durable once the journal has it, before its row
 * is written, and a store that stopped before the row reached the disk gets the row at the next start.
 * A stop is played by a writer thread held up for good, so the rows never reach the store.
 */
class JournalRecoveryTest {
    @TempDir
    Path dir;
    private DataSource ds;
    private final List<JdbcJobRepository> opened = new ArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final JobIds ids = new JobIds();

    @BeforeEach
    void migrate() {
        ds = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("descent"), "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    @AfterEach
    void close() throws Exception {
        never.countDown();
        for (Thread t : threads) t.join(30_000);
        for (JdbcJobRepository r : opened) r.close();
        JdbcClient.create(ds).sql("SHUTDOWN").update(); // nothing writes in the directory any more
    }

    private void inThread(Runnable task) {
        Thread t = new Thread(task);
        threads.add(t);
        t.start();
    }

    private JdbcJobRepository open() {
        JdbcJobRepository store = new JdbcJobRepository(ds, new TransactionTemplate(
                new DataSourceTransactionManager(ds)), JsonMapper.builder().build(), 1000, true, false,
                new GroupFlush(JdbcClient.create(ds)), Duration.ZERO, new Journal(dir.resolve("descent.journal")));
        opened.add(store);
        return store;
    }

    private Job job(String name) {
        JobRequest request = new JobRequest(name, new FunctionSpec("sphere", 2), new GdSpec(null, null, null, null, null, null),
                null, StoppingSpec.defaults(), null, 1L, new RecordingSpec(null, true), false)
                .completed(new GdSpec(null, null, null, null, null, null), 7);
        return new Job(ids.next(), request, "function", "gd", 2, Instant.now(), null, "").claimedBy("node-a", 1)
                .ownedBy("alice");
    }

    private String storedStatus(String id) {
        return JdbcClient.create(ds).sql("SELECT status FROM jobs WHERE id = ?").param(id).query(String.class)
                .optional().orElse(null);
    }

    /** Everything in the journal's segments. */
    private String journalText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(dir.resolve("descent.journal")).sorted()) {
            for (Path p : files.toList()) text.append(Files.readString(p));
        }
        return text.toString();
    }

    private long segments() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("descent.journal"))) {
            return files.count();
        }
    }

    @Test
    void anAcceptedJobWhoseRowNeverReachedTheStoreIsStoredAtTheNextStart() {
        JdbcJobRepository first = open();
        JdbcJobRepositoryContract.pauseWriter(first, never);
        Job job = job("kept"), gone = job("deleted later");
        first.accept(job).await();
        first.accept(gone).await();
        assertThat(first.find(job.id())).containsSame(job);
        assertThat(first.list(null, null, null, 10)).as("listed before its row is written").extracting(Job::id)
                .containsExactly(gone.id(), job.id());
        assertThat(first.list("alice", JobStatus.QUEUED, gone.id(), 10)).extracting(Job::id).containsExactly(job.id());
        assertThat(first.list("bob", null, null, 10)).isEmpty();
        // A job is deleted: the journal marks it gone at once, then the delete waits for the row held up here.
        inThread(() -> first.delete(gone.id()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> journalText().contains("\"deleted\""));
        assertThat(storedStatus(job.id())).as("the row is held up").isNull();

        JdbcJobRepository second = open(); // the next start, on the same file and journal
        assertThat(storedStatus(job.id())).isEqualTo("QUEUED");
        assertThat(storedStatus(gone.id())).as("a deleted job stays deleted").isNull();
        Job back = second.find(job.id()).orElseThrow();
        assertThat(back.request()).isEqualTo(job.request());
        assertThat(back.request().name()).isEqualTo("kept");
        assertThat(back.createdAt()).isEqualTo(job.createdAt());
        assertThat(back.client()).isEqualTo("alice");
        assertThat(back.owner()).isEqualTo("node-a");
        List<Job> taken = second.reclaim("node-b", Instant.now(), true, 3);
        assertThat(taken).extracting(Job::id).containsExactly(job.id());
    }

    @Test
    void segmentsGoOnceTheStoreHasTheirRowsOnDisk() throws Exception {
        JdbcJobRepository store = open();
        Job job = job("a");
        store.accept(job).await();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "QUEUED".equals(storedStatus(job.id())));
        assertThat(journalText()).contains(job.id());
        // The writer thread flushes the store every second and drops what the flush covers.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> journalText().isEmpty());
        assertThat(segments()).as("the segment appends go to").isEqualTo(1);
    }

    @Test
    void aSubmissionWaitsForItsRowOnlyWhenTheWriterIsFarBehind() throws Exception {
        JdbcJobRepository store = open();
        CountDownLatch pause = new CountDownLatch(1);
        JdbcJobRepositoryContract.pauseWriter(store, pause);
        for (int i = 0; i < JdbcJobRepository.MAX_UNWRITTEN_JOBS; i++) store.accept(job("j" + i)).await();
        Job last = job("one too many");
        JobRepository.Accepted accepted = store.accept(last);
        CountDownLatch returned = new CountDownLatch(1);
        inThread(() -> {
            accepted.await();
            returned.countDown();
        });
        assertThat(returned.await(300, java.util.concurrent.TimeUnit.MILLISECONDS)).as("waits for its row").isFalse();
        pause.countDown();
        assertThat(returned.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(storedStatus(last.id())).isEqualTo("QUEUED");
    }
}
