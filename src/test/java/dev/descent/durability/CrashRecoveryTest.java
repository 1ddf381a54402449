package dev.descent.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The embedded store survives SIGKILL: every job accepted with 202 reaches a final state after a
 * restart, with the result an uninterrupted run gives, and a complete trajectory. The negative
 * control restarts with recovery off and shows that the same check then fails.
 */
class CrashRecoveryTest {
    /** About a quarter of a second of plain gradient steps each; deterministic for its seed. */
    static final String JOB = """
            {"name": "crash-%d", "problem": {"type": "function", "name": "rosenbrock", "dimension": 20000},
             "optimizer": {"type": "gd", "learningRate": 1e-6}, "seed": 7,
             "stopping": {"maxIterations": 6000, "gradientTolerance": 0}}""";

    @TempDir
    Path dir;

    record Submitted(List<String> ids, String keyed) {}

    Submitted submitThenKill(ServiceProcess service) throws InterruptedException {
        Api api = new Api(service.port);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) ids.add(api.submit(JOB.formatted(i)));
        String keyed = api.post("/api/v1/jobs", JOB.formatted(99), "Idempotency-Key", "crash-key").json().get("id").asString();
        ids.add(keyed);
        // Let some finish and some run, then pull the plug.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get("/api/v1/jobs?status=SUCCEEDED").json().get("items").size() >= 2);
        service.kill();
        return new Submitted(ids, keyed);
    }

    static boolean finished(JsonNode job) {
        String s = job.get("status").asString();
        return !s.equals("QUEUED") && !s.equals("RUNNING");
    }

    @Test
    void everyAcceptedJobFinishesCorrectlyAfterAKillAndRestart() throws Exception {
        String[] store = {"descent.data-dir=" + dir.resolve("data"), "spring.datasource.url=jdbc:h2:file:"
                + dir.resolve("data/descent") + ";DB_CLOSE_ON_EXIT=FALSE", "descent.jobs.workers=2"};
        Submitted submitted;
        try (ServiceProcess first = ServiceProcess.start(dir, "first", store)) {
            submitted = submitThenKill(first);
        }
        try (ServiceProcess second = ServiceProcess.start(dir, "second", store)) {
            Api api = new Api(second.port);
            JsonNode reference = api.run(JOB.formatted(-1));
            int recovered = 0;
            for (String id : submitted.ids()) {
                JsonNode job = api.awaitFinished(id, Duration.ofSeconds(120));
                assertThat(job.get("status").asString()).as(id).isEqualTo("SUCCEEDED");
                assertThat(job.get("result").get("x")).as("same result as an uninterrupted run")
                        .isEqualTo(reference.get("result").get("x"));
                assertThat(job.get("result").get("loss")).isEqualTo(reference.get("result").get("loss"));
                JsonNode trajectory = api.get("/api/v1/jobs/" + id + "/trajectory?limit=100000").json();
                assertThat(trajectory.get("total").asInt()).as("trajectory of " + id).isEqualTo(6001);
                JsonNode points = trajectory.get("points");
                for (int k = 0; k < points.size(); k++) assertThat(points.get(k).get("iteration").asLong()).isEqualTo(k);
                if (job.get("attempt").asInt() > 1) recovered++;
            }
            assertThat(recovered).as("jobs that were queued or running at the kill").isPositive();
            Api.Response replay = api.post("/api/v1/jobs", JOB.formatted(99), "Idempotency-Key", "crash-key");
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.json().get("id").asString()).isEqualTo(submitted.keyed());
        }
    }

    @Test
    void negativeControlWithoutRecoveryJobsAreLeftUnfinished() throws Exception {
        String[] store = {"descent.data-dir=" + dir.resolve("data"), "spring.datasource.url=jdbc:h2:file:"
                + dir.resolve("data/descent") + ";DB_CLOSE_ON_EXIT=FALSE", "descent.jobs.workers=2"};
        Submitted submitted;
        try (ServiceProcess first = ServiceProcess.start(dir, "first", store)) {
            submitted = submitThenKill(first);
        }
        String[] noRecovery = {store[0], store[1], store[2], "descent.jobs.recover=false"};
        try (ServiceProcess second = ServiceProcess.start(dir, "second", noRecovery)) {
            Api api = new Api(second.port);
            Thread.sleep(3000);
            long unfinished = submitted.ids().stream().map(id -> api.get("/api/v1/jobs/" + id).json())
                    .filter(j -> !finished(j)).count();
            assertThat(unfinished).as("without recovery the crash leaves jobs that never finish").isPositive();
        }
    }

    /**
     * H2 writes its commits in the background; an accepted job must still be on disk before its 202
     * (group commit). Jobs are submitted from several threads at once, so checkpoints are shared,
     * and the process is killed the moment the last answer arrives.
     */
    @Test
    void aJobIsOnDiskBeforeItsAcceptedAnswer() throws Exception {
        String[] store = {"descent.data-dir=" + dir.resolve("data"), "spring.datasource.url=jdbc:h2:file:"
                + dir.resolve("data/descent") + ";DB_CLOSE_ON_EXIT=FALSE", "descent.jobs.workers=1"};
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServiceProcess first = ServiceProcess.start(dir, "first", store)) {
            Api api = new Api(first.port);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    for (int i = 0; i < 25; i++) ids.add(api.submit(JOB.formatted(100 * client + i)));
                });
                t.start();
                clients.add(t);
            }
            for (Thread t : clients) t.join();
            first.kill();
        }
        assertThat(ids).hasSize(100);
        String[] noRecovery = {store[0], store[1], store[2], "descent.jobs.recover=false"};
        try (ServiceProcess second = ServiceProcess.start(dir, "second", noRecovery)) {
            Api api = new Api(second.port);
            for (String id : ids) assertThat(api.get("/api/v1/jobs/" + id).status()).as(id).isEqualTo(200);
        }
    }
}
