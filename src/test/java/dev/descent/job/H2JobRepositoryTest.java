package dev.descent.job;

import java.nio.file.Path;
import dev.descent.store.Durability;
import dev.descent.store.GroupFlush;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The embedded default: an H2 file written in the background, with accepted jobs flushed by group commit. */
class H2JobRepositoryTest extends JdbcJobRepositoryContract {
    @TempDir
    static Path dir;
    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("descent"), "sa", "");
        }
        return dataSource;
    }

    @Override
    Durability durability(DataSource ds) {
        return new GroupFlush(JdbcClient.create(ds));
    }

    @Override
    boolean skipLocked() {
        return false;
    }
}
