package dev.descent.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Api;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Several nodes on one PostgreSQL: a killed node's jobs are finished by another, each exactly once,
 * and a node paused past its lease cannot overwrite the result of the node that took over.
 */
class TwoNodeTest {
    static final String JOB = """
            {"name": "%s", "problem": {"type": "function", "name": "rosenbrock", "dimension": 20000},
             "optimizer": {"type": "gd", "learningRate": 1e-6}, "seed": 11,
             "stopping": {"maxIterations": %d, "gradientTolerance": 0}}""";

    static EmbeddedPostgres postgres;
    @TempDir
    static Path dir;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    static String[] node(String name) {
        return new String[] {"spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres", "spring.datasource.password=",
                "descent.data-dir=" + dir.resolve(name), "descent.jobs.workers=2", "descent.jobs.lease=PT2S",
                "descent.jobs.heartbeat=PT0.3S", "descent.jobs.reclaim-interval=PT0.5S",
                "descent.jobs.checkpoint-interval=PT0.5S"};
    }

    @Test
    void aKilledNodesJobsFinishOnTheOtherExactlyOnceAndAPausedNodeIsFencedOut() throws Exception {
        try (ServiceProcess a = ServiceProcess.start(dir, "a", node("a"));
             ServiceProcess b = ServiceProcess.start(dir, "b", node("b"))) {
            Api onA = new Api(a.port), onB = new Api(b.port);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) ids.add(onA.submit(JOB.formatted("on-a-" + i, 8000)));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> onB.get("/api/v1/jobs/" + ids.get(0)).json().get("status").asString().equals("RUNNING"));
            a.kill();

            JsonNode reference = onB.run(JOB.formatted("reference", 8000));
            int takenOver = 0;
            for (String id : ids) {
                JsonNode job = onB.awaitFinished(id, Duration.ofSeconds(120));
                assertThat(job.get("status").asString()).as(id).isEqualTo("SUCCEEDED");
                assertThat(job.get("result").get("x")).isEqualTo(reference.get("result").get("x"));
                JsonNode trajectory = onB.get("/api/v1/jobs/" + id + "/trajectory?limit=100000").json();
                assertThat(trajectory.get("total").asInt()).as("each iteration recorded once").isEqualTo(8001);
                JsonNode points = trajectory.get("points");
                for (int k = 0; k < points.size(); k++) assertThat(points.get(k).get("iteration").asLong()).isEqualTo(k);
                if (job.get("attempt").asInt() > 1) takenOver++;
            }
            assertThat(takenOver).as("jobs node b took over from node a").isPositive();

            try (ServiceProcess c = ServiceProcess.start(dir, "c", node("c"))) {
                Api onC = new Api(c.port);
                String id = onC.submit(JOB.formatted("paused", 40000));
                // Pause node c after it has run long enough to have saved a checkpoint.
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    JsonNode progress = onC.get("/api/v1/jobs/" + id).json().get("progress");
                    return progress != null && !progress.isNull() && progress.get("elapsedMillis").asDouble() > 1500;
                });
                c.pause();
                JsonNode done = onB.awaitFinished(id, Duration.ofSeconds(180));
                assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(done.get("attempt").asInt()).isEqualTo(2);
                assertThat(Files.readString(b.log)).as("node b continued the paused node's job from its checkpoint")
                        .contains("Job " + id + " attempt 2 continues from its checkpoint at iteration");
                c.resume();
                // Node c wakes up still believing it runs attempt 1; let it finish that run and try to write.
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Files.readString(c.log).contains("lost its lease"));
                JsonNode after = onB.get("/api/v1/jobs/" + id).json();
                assertThat(after.get("attempt").asInt()).isEqualTo(2);
                assertThat(after.get("finishedAt")).isEqualTo(done.get("finishedAt"));
                assertThat(after.get("result")).isEqualTo(done.get("result"));
                assertThat(onB.get("/api/v1/jobs/" + id + "/trajectory?limit=1").json().get("total").asInt())
                        .isEqualTo(40001);

                // A cancel sent to node b reaches node c, which runs the job, within a heartbeat or two.
                String remote = onC.submit(JOB.formatted("cancel-me", 10_000_000));
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> onB.get("/api/v1/jobs/" + remote).json().get("status").asString().equals("RUNNING"));
                assertThat(onB.post("/api/v1/jobs/" + remote + "/cancel", "").status()).isEqualTo(202);
                JsonNode cancelled = onB.awaitFinished(remote, Duration.ofSeconds(10));
                assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
                assertThat(cancelled.get("result").get("stopReason").asString()).isEqualTo("CANCELLED");
            }
        }
    }
}
