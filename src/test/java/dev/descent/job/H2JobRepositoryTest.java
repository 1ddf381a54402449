package dev.descent.job;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The embedded default: an H2 file with every commit written at once. */
class H2JobRepositoryTest extends JdbcJobRepositoryContract {
    @TempDir
    static Path dir;
    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("descent") + ";WRITE_DELAY=0", "sa", "");
        }
        return dataSource;
    }


    @Override
    boolean skipLocked() {
        return false;
    }
}
