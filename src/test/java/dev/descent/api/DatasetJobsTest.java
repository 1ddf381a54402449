package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Jobs on uploaded datasets, checked by first-order conditions and by two independent solvers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatasetJobsTest {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("descent.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    String upload(String contentType, String body, String query) {
        Api.Response r = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/datasets" + query))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    @Test
    void mushroomsLogisticRegressionMeetsFirstOrderConditionsAndLbfgsAgreesWithNewton() throws IOException {
        String id = upload("text/x-libsvm", Files.readString(DatasetApiTest.MUSHROOMS), "?name=mushrooms");
        JsonNode lbfgs = api.run("""
                {"problem": {"type": "logistic-regression", "dataset": "%s", "l2": 1e-3},
                 "optimizer": {"type": "lbfgs"},
                 "stopping": {"gradientTolerance": 1e-9, "functionTolerance": 0, "maxIterations": 5000}}""".formatted(id));
        JsonNode newton = api.run("""
                {"problem": {"type": "logistic-regression", "dataset": "%s", "l2": 1e-3},
                 "optimizer": {"type": "newton"},
                 "stopping": {"gradientTolerance": 1e-10, "functionTolerance": 0, "maxIterations": 100}}""".formatted(id));
        for (JsonNode job : new JsonNode[] {lbfgs, newton}) {
            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("result").get("stopReason").asString()).isEqualTo("GRADIENT_TOLERANCE");
            assertThat(job.get("result").get("gradientNorm").asDouble()).isLessThanOrEqualTo(1e-8);
            assertThat(job.get("result").get("classes").toString()).isEqualTo("[1,2]");
            assertThat(job.get("result").get("featureNames").size()).isEqualTo(112);
            assertThat(job.get("result").get("trainingAccuracy").asDouble()).isGreaterThan(0.99);
        }
        // Strongly convex (l2 > 0): ‖x − x*‖ ≤ ‖∇f(x)‖/l2, so gradients ≤ 1e-9 put both within 2e-6 of x*.
        double[] a = Api.doubles(lbfgs.get("result").get("x")), b = Api.doubles(newton.get("result").get("x"));
        assertThat(a).containsExactly(b, within(2e-6));
        assertThat(lbfgs.get("result").get("loss").asDouble()).isCloseTo(newton.get("result").get("loss").asDouble(), within(1e-12));
    }

    @Test
    void separableDataWithoutAPenaltyEndsWithAClearWarning() {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        Random random = new Random(5);
        for (int i = 0; i < 40; i++) {
            double u = random.nextGaussian(), v = random.nextGaussian();
            csv.append(u).append(',').append(v).append(',').append(u + v > 0 ? "yes" : "no").append('\n');
        }
        String id = upload("text/csv", csv.toString(), "?label=y");
        JsonNode job = api.run("""
                {"problem": {"type": "logistic-regression", "dataset": "%s"},
                 "stopping": {"maxIterations": 300}}""".formatted(id));
        JsonNode result = job.get("result");
        assertThat(result.get("trainingAccuracy").asDouble()).isEqualTo(1.0);
        assertThat(result.get("warning").asString()).contains("linearly separable").contains("l2 > 0");
        JsonNode penalized = api.run("""
                {"problem": {"type": "logistic-regression", "dataset": "%s", "l2": 0.01},
                 "stopping": {"gradientTolerance": 1e-10}}""".formatted(id));
        assertThat(penalized.get("result").has("warning")).isFalse();
        assertThat(penalized.get("result").get("gradientNorm").asDouble()).isLessThanOrEqualTo(1e-8);
    }

    @Test
    void minibatchSgdOnADatasetIsDeterministicForASeed() {
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        Random random = new Random(6);
        String[] names = {"red", "green", "blue"};
        for (int i = 0; i < 300; i++) {
            csv.append(random.nextGaussian()).append(',').append(random.nextGaussian()).append(',')
                    .append(random.nextGaussian()).append(',').append(names[random.nextInt(3)]).append('\n');
        }
        String id = upload("text/csv", csv.toString(), "?label=label");
        String request = """
                {"problem": {"type": "logistic-regression", "dataset": "%s", "l2": 0.01, "standardize": true},
                 "optimizer": {"type": "sgd", "learningRate": 0.1, "batchSize": 32},
                 "stopping": {"maxIterations": 200}, "seed": %d}""";
        JsonNode first = api.run(request.formatted(id, 42)), second = api.run(request.formatted(id, 42));
        JsonNode other = api.run(request.formatted(id, 43));
        assertThat(first.get("result").get("x")).isEqualTo(second.get("result").get("x"));
        assertThat(first.get("result").get("x")).isNotEqualTo(other.get("result").get("x"));
        assertThat(first.get("result").get("classes").toString()).isEqualTo("[\"blue\",\"green\",\"red\"]");
        assertThat(first.get("result").get("coefficients").size()).isEqualTo(3);
    }

    @Test
    void standardizedFitReportsTheSameModelInTheDataUnits() {
        StringBuilder csv = new StringBuilder("small,large,y\n");
        Random random = new Random(8);
        for (int i = 0; i < 200; i++) {
            double u = random.nextGaussian() * 0.01, v = 1000 + random.nextGaussian() * 100;
            double z = 200 * u + 0.01 * (v - 1000) + random.nextGaussian();
            csv.append(u).append(',').append(v).append(',').append(z > 0 ? 1 : 0).append('\n');
        }
        String id = upload("text/csv", csv.toString(), "");
        String request = """
                {"problem": {"type": "logistic-regression", "dataset": "%s", "standardize": %s, "l2": 1e-12},
                 "optimizer": {"type": "newton"}, "stopping": {"gradientTolerance": 1e-11, "maxIterations": 200}}""";
        JsonNode plain = api.run(request.formatted(id, false)), scaled = api.run(request.formatted(id, true));
        assertThat(scaled.get("status").asString()).isEqualTo("SUCCEEDED");
        // With a negligible penalty both fits are the maximum-likelihood model; standardization changes only the coordinates.
        double[] c0 = Api.doubles(plain.get("result").get("coefficients")), c1 = Api.doubles(scaled.get("result").get("coefficients"));
        assertThat(c1[0]).isCloseTo(c0[0], within(1e-6 * Math.abs(c0[0])));
        assertThat(c1[1]).isCloseTo(c0[1], within(1e-6 * Math.abs(c0[1])));
        assertThat(scaled.get("result").get("intercept").asDouble())
                .isCloseTo(plain.get("result").get("intercept").asDouble(), within(1e-5));
    }
}
