package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The live event stream, read with the JDK HttpClient as a real client would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobEventsTest {
    /** About a second of work: enough for many 50 ms ticks. */
    static final String SECOND_LONG_JOB = """
            {"problem": {"type": "function", "name": "rosenbrock", "dimension": 20000},
             "optimizer": {"type": "gd", "learningRate": 1e-6},
             "stopping": {"maxIterations": %d, "gradientTolerance": 0}}""";

    @LocalServerPort
    int port;
    @Autowired
    JobEventHub hub;
    Api api;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    record Event(String name, String id, String data) {
        JsonNode json() {
            return Api.JSON.readTree(data);
        }
    }

    /** Reads a whole stream (until the server ends it) into events. */
    List<Event> read(String jobId, String lastEventId) {
        return readAsync(jobId, lastEventId).join();
    }

    CompletableFuture<List<Event>> readAsync(String jobId, String lastEventId) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + jobId + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60));
        if (lastEventId != null) builder.header("Last-Event-ID", lastEventId);
        return client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofLines()).thenApply(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return parse(r.body());
        });
    }

    static List<Event> parse(Stream<String> lines) {
        List<Event> events = new ArrayList<>();
        String name = null, id = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (name != null || data.length() > 0) events.add(new Event(name, id, data.toString()));
                name = null;
                id = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        return events;
    }

    @Test
    void streamSendsIterationsInOrderThenTheFinalStatusAndEnds() {
        String id = api.submit(SECOND_LONG_JOB.formatted(20000));
        long started = System.nanoTime();
        List<Event> events = read(id, null);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Event> iterations = events.stream().filter(e -> "iteration".equals(e.name())).toList();
        List<Event> statuses = events.stream().filter(e -> "status".equals(e.name())).toList();
        assertThat(iterations).hasSizeGreaterThan(3);
        // At most ~20 a second (one per 50 ms tick), plus the final point sent with the final status.
        assertThat(iterations.size()).isLessThanOrEqualTo((int) Math.ceil(seconds * 20) + 2);
        long previous = -1;
        for (Event e : iterations) {
            long k = Long.parseLong(e.id());
            assertThat(k).isGreaterThan(previous);
            assertThat(e.json().get("iteration").asLong()).isEqualTo(k);
            previous = k;
        }
        assertThat(previous).isEqualTo(20000);
        assertThat(statuses.get(statuses.size() - 1).json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(events.get(events.size() - 1).name()).isEqualTo("status");
    }

    @Test
    void lastEventIdResumesAfterThatIteration() {
        String id = api.submit("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, "
                + "\"optimizer\": {\"type\": \"gd\", \"learningRate\": 0.001}, "
                + "\"stopping\": {\"maxIterations\": 500, \"gradientTolerance\": 0}}");
        api.awaitFinished(id);
        List<Event> fromStart = read(id, null);
        assertThat(fromStart).extracting(Event::name).containsExactly("iteration", "status");
        assertThat(fromStart.get(0).id()).isEqualTo("500");
        List<Event> resumedEarlier = read(id, "499");
        assertThat(resumedEarlier).extracting(Event::name).containsExactly("iteration", "status");
        List<Event> upToDate = read(id, "500");
        assertThat(upToDate).extracting(Event::name).containsExactly("status");
        assertThat(upToDate.get(0).json().get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void fiftyClientsOnOneJobAllSeeItFinishAndNoStreamIsLeftOpen() {
        String id = api.submit(SECOND_LONG_JOB.formatted(10000));
        List<CompletableFuture<List<Event>>> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) clients.add(readAsync(id, null));
        for (CompletableFuture<List<Event>> c : clients) {
            List<Event> events = c.join();
            Event last = events.get(events.size() - 1);
            assertThat(last.name()).isEqualTo("status");
            assertThat(last.json().get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(events.stream().filter(e -> "iteration".equals(e.name())).reduce((a, b) -> b).orElseThrow().id())
                    .isEqualTo("10000");
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> hub.openStreams() == 0);
    }

    @Test
    void cancelledJobStreamEndsWithCancelled() {
        String id = api.submit(SECOND_LONG_JOB.formatted(10_000_000));
        CompletableFuture<List<Event>> stream = readAsync(id, null);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/jobs/" + id).json().get("status").asString().equals("RUNNING"));
        api.post("/api/v1/jobs/" + id + "/cancel", "");
        List<Event> events = stream.join();
        assertThat(events.get(events.size() - 1).json().get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void unknownJobAndBadLastEventIdAreProblems() {
        assertThat(api.get("/api/v1/jobs/nope/events", "Accept", "text/event-stream").status()).isEqualTo(404);
        String id = api.submit("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}}");
        assertThat(api.get("/api/v1/jobs/" + id + "/events", "Accept", "text/event-stream", "Last-Event-ID", "abc")
                .status()).isEqualTo(400);
    }
}
