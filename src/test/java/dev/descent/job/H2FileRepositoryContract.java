package dev.descent.job;

import dev.descent.store.Durability;
import dev.descent.store.GroupFlush;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded default as the service runs it: an H2 file written in the background, with accepted
 * jobs flushed by group commit. Each test class gets a file of its own in its own temporary
 * directory (JUnit sets {@code dir} anew for every class).
 */
abstract class H2FileRepositoryContract extends JdbcJobRepositoryContract {
    @TempDir
    static Path dir;
    private static final Map<Class<?>, DataSource> dataSources = new ConcurrentHashMap<>();

    @Override
    DataSource dataSource() {
        return dataSources.computeIfAbsent(getClass(),
                c -> new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve(c.getSimpleName()), "sa", ""));
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
