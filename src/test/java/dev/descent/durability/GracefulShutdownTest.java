package dev.descent.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * SIGTERM with a job running and a client watching its event stream: the server ends the stream,
 * checkpoints the job, hands it back and exits promptly (graceful shutdown does not wait on the open
 * stream); after the restart the job continues from that checkpoint and finishes.
 */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void sigtermEndsOpenStreamsExitsPromptlyAndHandsRunningJobsBack() throws Exception {
        String[] store = {"descent.data-dir=" + dir.resolve("data"), "spring.datasource.url=jdbc:h2:file:"
                + dir.resolve("data/descent") + ";DB_CLOSE_ON_EXIT=FALSE", "descent.jobs.checkpoint-interval=PT1S"};
        String id;
        try (ServiceProcess first = ServiceProcess.start(dir, "first", store)) {
            Api api = new Api(first.port);
            id = api.submit("""
                    {"problem": {"type": "function", "name": "rosenbrock", "dimension": 20000},
                     "optimizer": {"type": "gd", "learningRate": 1e-6},
                     "stopping": {"maxIterations": 30000, "gradientTolerance": 0}}""");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/api/v1/jobs/" + id).json().get("status").asString().equals("RUNNING"));
            CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + first.port + "/api/v1/jobs/" + id + "/events"))
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            HttpResponse<java.util.stream.Stream<String>> open = stream.get(30, TimeUnit.SECONDS);
            assertThat(open.statusCode()).isEqualTo(200);
            CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> open.body().toList());
            Thread.sleep(300);
            assertThat(first.stop(Duration.ofSeconds(15))).as("exited well within the 20 s shutdown phase").isTrue();
            assertThat(lines.get(10, TimeUnit.SECONDS)).as("the stream carried events before it ended")
                    .anyMatch(l -> l.startsWith("event:iteration"));
        }
        try (ServiceProcess second = ServiceProcess.start(dir, "second", store)) {
            Api api = new Api(second.port);
            JsonNode job = api.awaitFinished(id, Duration.ofSeconds(120));
            assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("attempt").asInt()).isEqualTo(2);
            assertThat(java.nio.file.Files.readString(second.log)).as("the handed-back job resumed, not restarted")
                    .contains("Job " + id + " attempt 2 continues from its checkpoint at iteration");
            assertThat(api.get("/api/v1/jobs/" + id + "/trajectory?limit=1").json().get("total").asInt()).isEqualTo(30001);
        }
    }
}
