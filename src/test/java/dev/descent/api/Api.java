package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: real requests to the server on its random port. */
public final class Api {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    public Api(int port) {
        this(port, null);
    }

    /** A client that sends {@code Authorization: Bearer <key>} with every request (none when key is null). */
    public Api(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    /** A request to {@code path} on the server, with this client's key. */
    public HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(base + path));
        if (key != null) builder.header("Authorization", "Bearer " + key);
        return builder;
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public Response post(String path, String body, String... headers) {
        var builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
        return send(builder.build());
    }

    public Response get(String path, String... headers) {
        var builder = request(path).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
        return send(builder.build());
    }

    public Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits a job, expecting 202, and returns its id. */
    public String submit(String body) {
        Response r = post("/api/v1/jobs", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("id").asString();
    }

    /** Polls a job until it has finished and returns its view. */
    public JsonNode awaitFinished(String id) {
        return awaitFinished(id, Duration.ofSeconds(60));
    }

    public JsonNode awaitFinished(String id, Duration atMost) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(5)).until(() -> {
            last[0] = get("/api/v1/jobs/" + id).json();
            String s = last[0].get("status").asString();
            return !s.equals("QUEUED") && !s.equals("RUNNING");
        });
        return last[0];
    }

    /** Submits, waits, returns the finished view. */
    public JsonNode run(String body) {
        return awaitFinished(submit(body));
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }
}
