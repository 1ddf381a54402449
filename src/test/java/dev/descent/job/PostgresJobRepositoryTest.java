package dev.descent.job;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/** PostgreSQL, as production runs it: a real server from Maven Central, commits synchronous. */
class PostgresJobRepositoryTest extends JdbcJobRepositoryContract {
    private static EmbeddedPostgres postgres;

    @Override
    DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
        }
        return postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) postgres.close();
        postgres = null;
    }


    @Override
    boolean skipLocked() {
        return true;
    }
}
