package dev.descent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class H2UrlTest {
    @Test
    void embeddedFileDatabasesHaveAPath() {
        assertThat(H2Url.file("jdbc:h2:file:./data/descent;DB_CLOSE_ON_EXIT=FALSE")).contains(Path.of("./data/descent"));
        assertThat(H2Url.file("jdbc:h2:/var/lib/descent/db")).contains(Path.of("/var/lib/descent/db"));
        assertThat(H2Url.file("jdbc:h2:./db;MODE=PostgreSQL")).contains(Path.of("./db"));
        assertThat(H2Url.file("jdbc:h2:~/descent")).contains(Path.of(System.getProperty("user.home") + "/descent"));
        assertThat(H2Url.file("jdbc:h2:C:/data/descent")).contains(Path.of("C:/data/descent"));
    }

    @Test
    void otherDatabasesHaveNone() {
        assertThat(H2Url.file("jdbc:h2:mem:descent;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(H2Url.file("jdbc:h2:tcp://db:9092/descent")).isEmpty();
        assertThat(H2Url.file("jdbc:h2:zip:/backups/db.zip!/descent")).isEmpty();
        assertThat(H2Url.file("jdbc:postgresql://db:5432/descent")).isEmpty();
        assertThat(H2Url.file("jdbc:h2:file:")).isEmpty();
        assertThat(H2Url.file(null)).isEmpty();
    }
}
