package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Answers written from a {@code ResponseEntity} (which Spring flushes) that fit the response buffer
 * go out whole, with a Content-Length (one write, no chunks); larger ones still arrive complete;
 * an event stream still delivers its first event at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "descent.jobs.workers=1")
class WholeAnswerTest {
    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    static void assertWhole(Api.Response r) {
        assertThat(r.header("Transfer-Encoding")).as("Transfer-Encoding").isNull();
        assertThat(r.header("Content-Length")).as("Content-Length")
                .isEqualTo(String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void aSubmittedJobAndItsViewCarryTheirLength() {
        Api.Response submitted = api.post("/api/v1/jobs", """
                {"problem": {"type": "quadratic", "diagonal": [1, 3]}, "optimizer": {"type": "gd", "learningRate": 0.1},
                 "stopping": {"maxIterations": 100}}""");
        assertThat(submitted.status()).isEqualTo(202);
        assertWhole(submitted);
        String id = submitted.json().get("id").asString();
        api.awaitFinished(id);
        Api.Response view = api.get("/api/v1/jobs/" + id);
        assertThat(view.status()).isEqualTo(200);
        assertWhole(view);
    }

    @Test
    void problemsCarryTheirLength() {
        Api.Response missing = api.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertWhole(missing);
        Api.Response invalid = api.post("/api/v1/jobs", "{\"problem\": {\"type\": \"quadratic\"}, \"optimizer\": 3}");
        assertThat(invalid.status()).isEqualTo(400);
        assertWhole(invalid);
    }

    @Test
    void csvAnswersSmallAndLargerThanTheBufferArriveWhole() {
        String id = api.submit("""
                {"problem": {"type": "function", "name": "rosenbrock", "dimension": 2},
                 "optimizer": {"type": "gd", "learningRate": 0.001},
                 "stopping": {"maxIterations": 3000, "gradientTolerance": 0}, "recording": {"includePoint": true}}""");
        api.awaitFinished(id);
        Api.Response small = api.get("/api/v1/jobs/" + id + "/trajectory?limit=3", "Accept", "text/csv");
        assertThat(small.status()).isEqualTo(200);
        assertWhole(small);
        Api.Response large = api.get("/api/v1/jobs/" + id + "/trajectory?limit=2000", "Accept", "text/csv");
        assertThat(large.status()).isEqualTo(200);
        assertThat(large.body().length()).isGreaterThan(64 * 1024);
        String[] lines = large.body().split("\n");
        assertThat(lines).hasSize(2001);
        for (int i = 1; i < lines.length; i++) assertThat(lines[i]).startsWith((i - 1) + ",");
    }

    /**
     * A queued job's stream sends its status event and then nothing until the job starts: the event
     * must reach the client at once, not wait in the buffer (one worker, held by a long job).
     */
    @Test
    void anEventStreamIsFlushedEventByEvent() throws Exception {
        String running = api.submit("""
                {"problem": {"type": "function", "name": "rosenbrock", "dimension": 20000},
                 "optimizer": {"type": "gd", "learningRate": 1e-6},
                 "stopping": {"maxIterations": 10000000, "gradientTolerance": 0}}""");
        String queued = api.submit("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}}");
        try {
            assertThat(api.get("/api/v1/jobs/" + queued).json().get("status").asString()).isEqualTo("QUEUED");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + queued
                    + "/events")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build();
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                String data = CompletableFuture.supplyAsync(() -> lines.filter(l -> l.startsWith("data:")).findFirst()
                        .orElseThrow()).get(20, TimeUnit.SECONDS);
                assertThat(Api.JSON.readTree(data.substring(5)).get("status").asString()).isEqualTo("QUEUED");
            }
        } finally {
            api.post("/api/v1/jobs/" + running + "/cancel", "");
            api.post("/api/v1/jobs/" + queued + "/cancel", "");
        }
        api.awaitFinished(queued);
    }
}
