package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The embedded file store as it runs by default: accepted jobs are journalled and their rows written
 * a moment later. A client sees no difference: what it submitted is listed at once, readable, and
 * deletable as soon as it has finished.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JournalledJobsTest {
    private static final String TINY = """
            {"problem": {"type": "quadratic", "diagonal": [1, 3], "b": [1, 1]},
             "optimizer": {"type": "gd", "learningRate": 0.1},
             "stopping": {"maxIterations": 100, "gradientTolerance": 0}}""";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("descent.data-dir", () -> dataDir.toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dataDir.resolve("descent") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    @LocalServerPort
    int port;

    @Test
    void submittedJobsAreListedReadableAndDeletableAtOnce() throws Exception {
        Api api = new Api(port);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    String id = api.submit(TINY);
                    // Each client reads what it has just submitted.
                    assertThat(api.get("/api/v1/jobs/" + id).status()).isEqualTo(200);
                    ids.add(id);
                }
            });
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) t.join();
        assertThat(ids).hasSize(100);
        Set<String> listed = new HashSet<>();
        api.get("/api/v1/jobs?limit=200").json().get("items").forEach(j -> listed.add(j.get("id").asString()));
        assertThat(listed).containsAll(ids);
        assertThat(dataDir.resolve("descent.journal")).isDirectory();

        for (String id : ids) {
            JsonNode done = api.awaitFinished(id);
            assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("result").get("iterations").asLong()).isEqualTo(100);
        }
        String first = ids.get(0);
        JsonNode trajectory = api.get("/api/v1/jobs/" + first + "/trajectory?after=-1&limit=1000").json();
        assertThat(trajectory.get("total").asInt()).isEqualTo(101);
        // Deleted as soon as it has finished, whether or not its row has reached the store yet.
        String quick = api.submit(TINY);
        api.awaitFinished(quick);
        assertThat(api.delete("/api/v1/jobs/" + quick).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobs/" + quick).status()).isEqualTo(404);
        Set<String> after = new HashSet<>();
        api.get("/api/v1/jobs?limit=200").json().get("items").forEach(j -> after.add(j.get("id").asString()));
        assertThat(after).doesNotContain(quick).containsAll(ids);
    }
}
