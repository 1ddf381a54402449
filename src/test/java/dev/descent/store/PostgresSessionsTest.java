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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on PostgreSQL: a transaction left idle for longer than a job lease is ended by the
 * server, so a node frozen inside one cannot keep its jobs' rows locked from the nodes that take
 * them over (the two-node test once timed out so: the paused node held a job's row lock, and the
 * other node's claims, FOR UPDATE SKIP LOCKED, passed the job over).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PostgresSessionsTest {
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

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
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
