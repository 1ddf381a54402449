package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Bad input gets a precise 4xx problem+json naming the field, never a 500, and creates no job. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "descent.limits.max-request-bytes=200KB")
class MalformedRequestsTest {
    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    static Stream<Arguments> badJobs() {
        return Stream.of(
                Arguments.of("{", ""),
                Arguments.of("", ""),
                Arguments.of("[]", ""),
                Arguments.of("null", ""),
                Arguments.of("{}", "problem"),
                Arguments.of("{\"problem\": {}}", "problem.type"),
                Arguments.of("{\"problem\": {\"type\": \"banana\"}}", "problem.type"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"rosenbrock\"}, \"colour\": 1}", "colour"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"rosenbrock\", \"extra\": 1}}", "problem.extra"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"nope\"}}", "problem.name"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"himmelblau\", \"dimension\": 3}}", "problem.dimension"),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\", \"a\": [[1, 2], [3]], \"b\": [1, 1]}}", "problem.a[1]"),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\", \"a\": [[1, 2], [3, 4]], \"b\": [1, 1]}}", "problem.a"),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [1, 2], \"b\": [1, 1, 1]}}", "problem.b"),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [1, 1e400]}}", "problem.diagonal[1]"),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [1, NaN]}}", ""),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [1, Infinity]}}", ""),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [1, \"2\"]}}", "problem.diagonal[1]"),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [1, null]}}", "problem.diagonal[1]"),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\", \"a\": [[1, 0], [0, 1]], \"diagonal\": [1, 1]}}", "problem"),
                Arguments.of("{\"problem\": {\"type\": \"linear-least-squares\", \"a\": [[1, 0], [0, 1]], \"b\": [1]}}", "problem.b"),
                Arguments.of("{\"problem\": {\"type\": \"logistic-regression\", \"features\": [[1], [2]], \"labels\": [1, 1]}}", "problem.labels"),
                Arguments.of("{\"problem\": {\"type\": \"logistic-regression\", \"features\": [[1], [2]], \"labels\": [1, 0], \"l2\": -1}}", "problem.l2"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"initialPoint\": [1, 2, 3]}", "initialPoint"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"optimizer\": {\"type\": \"adam\", \"learningRate\": -1}}", "optimizer.learningRate"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"optimizer\": {\"type\": \"adam\", \"learningRate\": \"0.1\"}}", "optimizer.learningRate"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"optimizer\": {\"type\": \"adam\", \"beta1\": 1}}", "optimizer.beta1"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"optimizer\": {\"type\": \"lbfgs\", \"history\": 0}}", "optimizer.history"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"optimizer\": {\"type\": \"warp-drive\"}}", "optimizer.type"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"schedule\": {\"type\": \"step\"}}", "schedule.stepSize"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"stopping\": {\"maxIterations\": 10000001}}", "stopping.maxIterations"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"stopping\": {\"maxIterations\": 1.5}}", "stopping.maxIterations"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"stopping\": {\"maxIterations\": 99999999999999999999999}}", "stopping.maxIterations"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"stopping\": {\"timeLimit\": \"soon\"}}", "stopping.timeLimit"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"stopping\": {\"timeLimit\": \"-PT1S\"}}", "stopping.timeLimit"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"recording\": {\"every\": 0}}", "recording.every"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"recording\": {\"includePoint\": \"yes\"}}", "recording.includePoint"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\", \"name\": \"beale\"}}", ""),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"rosenbrock\", \"dimension\": 1000001}}", "problem.dimension"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"rosenbrock\", \"dimension\": 5000}, \"optimizer\": {\"type\": \"newton\"}}", "optimizer"),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}} trailing", ""),
                Arguments.of("[".repeat(5000) + "]".repeat(5000), ""),
                Arguments.of("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"name\": 12}", "name"));
    }

    @ParameterizedTest
    @MethodSource("badJobs")
    void malformedJobIsA400NamingTheField(String body, String field) {
        int before = api.get("/api/v1/jobs?limit=1000").json().get("items").size();
        Api.Response r = api.post("/api/v1/jobs", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode pd = r.json();
        assertThat(pd.get("status").asInt()).isEqualTo(400);
        assertThat(pd.get("type").asString()).isNotBlank();
        assertThat(pd.get("detail").asString()).isNotBlank().doesNotContain("java.", "tools.jackson", "dev.descent");
        if (!field.isEmpty()) {
            assertThat(pd.get("errors").toString()).as(r.body()).contains("\"field\":\"" + field);
        }
        assertThat(api.get("/api/v1/jobs?limit=1000").json().get("items").size()).isEqualTo(before);
    }

    @Test
    void bodyOverTheSizeLimitIs413() {
        String big = "{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [" + "1.0, ".repeat(60_000) + "1]}}";
        Api.Response r = api.post("/api/v1/jobs", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        // Chunked, without a declared length: counted while read.
        Api.Response chunked = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build());
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void wrongMethodsMediaTypesAndParametersAre4xxProblems() {
        Api.Response xml = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString("<job/>")).build());
        assertThat(xml.status()).isEqualTo(415);
        assertThat(api.get("/api/v1/jobs?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs?limit=abc").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs?status=DONE").status()).isEqualTo(400);
        Api.Response put = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.post("/api/v1/jobs", "{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}}",
                "Idempotency-Key", " ").status()).isEqualTo(400);
        String id = api.submit("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}}");
        api.awaitFinished(id);
        assertThat(api.get("/api/v1/jobs/" + id + "/trajectory?maxPoints=1").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs/" + id + "/trajectory?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/no-such-endpoint").status()).isEqualTo(404);
    }
}
