package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Expression problems as jobs, and the problem tools, through the public API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExpressionsAndProblemToolsOverHttpTest {
    static final String ROSENBROCK = """
            {"type": "expression", "objective": "(1-x)^2 + 100*(y-x^2)^2", "variables": ["x", "y"]}""";

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void rosenbrockWrittenAsAnExpressionReachesOneOneWithLbfgs() {
        JsonNode job = api.run("""
                {"problem": %s, "optimizer": {"type": "lbfgs"}, "initialPoint": [-1.2, 1],
                 "stopping": {"maxIterations": 1000, "gradientTolerance": 1e-10}}""".formatted(ROSENBROCK));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("problem").get("type").asString()).isEqualTo("expression");
        assertThat(Api.doubles(job.get("result").get("x"))).containsExactly(new double[] {1, 1}, within(1e-8));
        assertThat(job.get("result").get("stopReason").asString()).isEqualTo("GRADIENT_TOLERANCE");
    }

    @Test
    void newtonUsesTheExactHessianOfAnExpression() {
        JsonNode job = api.run("""
                {"problem": %s, "optimizer": {"type": "newton"}, "initialPoint": [-1.2, 1],
                 "stopping": {"maxIterations": 200, "gradientTolerance": 1e-10}}""".formatted(ROSENBROCK));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(Api.doubles(job.get("result").get("x"))).containsExactly(new double[] {1, 1}, within(1e-8));
        // Newton with exact second derivatives takes a few dozen steps here, not thousands.
        assertThat(job.get("result").get("iterations").asLong()).isLessThan(60);
    }

    @Test
    void gradientCheckOfACorrectProblemIsOk() {
        Api.Response r = api.post("/api/v1/problems/gradient-check",
                "{\"problem\": " + ROSENBROCK + ", \"point\": [-1.2, 1]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("ok").asBoolean()).isTrue();
        // ∇f(−1.2, 1) = (−2(1−x) − 400x(y−x²), 200(y−x²)) = (−215.6, −88).
        assertThat(Api.doubles(body.get("analytic"))).containsExactly(new double[] {-215.6, -88}, within(1e-9));
        assertThat(Api.doubles(body.get("numeric"))).containsExactly(new double[] {-215.6, -88}, within(1e-5));
        assertThat(body.get("relativeError").size()).isEqualTo(2);
        assertThat(body.get("maxRelativeError").asDouble()).isLessThan(1e-6);
    }

    @Test
    void analyzeGivesTheSpectrumAndStepsOfAKnownQuadratic() {
        Api.Response r = api.post("/api/v1/problems/analyze", """
                {"problem": {"type": "quadratic", "diagonal": [1, 10, 100]}, "point": [0, 0, 0]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode a = r.json();
        assertThat(a.get("dimension").asInt()).isEqualTo(3);
        assertThat(a.get("minEigenvalue").asDouble()).isCloseTo(1, within(1e-12));
        assertThat(a.get("maxEigenvalue").asDouble()).isCloseTo(100, within(1e-12));
        assertThat(a.get("conditionNumber").asDouble()).isCloseTo(100, within(1e-10));
        assertThat(a.get("convex").asBoolean()).isTrue();
        assertThat(a.get("lipschitzConstant").asDouble()).isCloseTo(100, within(1e-12));
        assertThat(a.get("bestStep").asDouble()).isCloseTo(0.01, within(1e-15));
        assertThat(a.get("maxStableStep").asDouble()).isCloseTo(0.02, within(1e-15));
        // κ = 100: ((10 − 1)/(10 + 1))² = 81/121; step 4/(10 + 1)² = 4/121.
        assertThat(a.get("optimalMomentum").asDouble()).isCloseTo(81.0 / 121, within(1e-12));
        assertThat(a.get("optimalMomentumStep").asDouble()).isCloseTo(4.0 / 121, within(1e-12));
        assertThat(a.get("hessian").get(2).get(2).asDouble()).isEqualTo(100);
    }

    @Test
    void analyzeOfAnExpressionLeavesGlobalConvexityUndecided() {
        Api.Response r = api.post("/api/v1/problems/analyze", "{\"problem\": " + ROSENBROCK + ", \"point\": [1, 1]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("convex").isNull()).isTrue();
        assertThat(r.json().get("locallyConvex").asBoolean()).isTrue();
        assertThat(r.json().get("optimalMomentum").isNull()).isTrue();
    }

    static Stream<Arguments> badRequests() {
        String deep = "(".repeat(100_000);
        return Stream.of(
                Arguments.of("/api/v1/jobs", "{\"problem\": {\"type\": \"expression\", \"objective\": \"x + 2*sni(y)\", \"variables\": [\"x\", \"y\"]}}",
                        "problem.objective", "unknown function 'sni' at column 7"),
                Arguments.of("/api/v1/jobs", "{\"problem\": {\"type\": \"expression\", \"objective\": \"x*z\", \"variables\": [\"x\", \"y\"]}}",
                        "problem.objective", "unknown name 'z' at column 3"),
                Arguments.of("/api/v1/jobs", "{\"problem\": {\"type\": \"expression\", \"objective\": \"" + deep + "\", \"variables\": [\"x\"]}}",
                        "problem.objective", "is 100000 characters long; the limit is 10000"),
                Arguments.of("/api/v1/jobs", "{\"problem\": {\"type\": \"expression\", \"objective\": \"" + "(".repeat(5000) + "\", \"variables\": [\"x\"]}}",
                        "problem.objective", "nesting deeper than 64 levels at column 65"),
                Arguments.of("/api/v1/jobs", "{\"problem\": {\"type\": \"expression\", \"objective\": \"x\", \"variables\": [\"x\", \"x\"]}}",
                        "problem.variables[1]", "repeats variables[0] 'x'"),
                Arguments.of("/api/v1/jobs", "{\"problem\": {\"type\": \"expression\", \"objective\": \"x\"}}",
                        "problem.variables", null),
                Arguments.of("/api/v1/jobs", "{\"problem\": {\"type\": \"expression\", \"objective\": 3, \"variables\": [\"x\"]}}",
                        "problem.objective", null),
                Arguments.of("/api/v1/jobs", "{\"problem\": {\"type\": \"expression\", \"objective\": \"x\", \"variables\": [\"x\"]}, \"initialPoint\": [1, 2]}",
                        "initialPoint", null),
                Arguments.of("/api/v1/problems/analyze", "{\"problem\": {\"type\": \"expression\", \"objective\": \"x^\", \"variables\": [\"x\"]}, \"point\": [1]}",
                        "problem.objective", "unexpected end of the expression at column 3"),
                Arguments.of("/api/v1/problems/analyze", "{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [1, 2]}, \"point\": [1]}",
                        "point", "has 1 entries; the problem has 2 variables"),
                Arguments.of("/api/v1/problems/analyze", "{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [1, 2]}}",
                        "point", null),
                Arguments.of("/api/v1/problems/analyze", "{\"point\": [1]}", "problem", null),
                Arguments.of("/api/v1/problems/analyze", "{\"problem\": {\"type\": \"quadratic\", \"diagonal\": [1]}, \"point\": [1e400]}",
                        "point[0]", null),
                Arguments.of("/api/v1/problems/analyze", "{\"problem\": {\"type\": \"expression\", \"objective\": \"log(x)\", \"variables\": [\"x\"]}, \"point\": [-1]}",
                        "point", null),
                Arguments.of("/api/v1/problems/gradient-check", "{\"problem\": {\"type\": \"expression\", \"objective\": \"1/x\", \"variables\": [\"x\"]}, \"point\": [0]}",
                        "point", null),
                Arguments.of("/api/v1/problems/gradient-check", "{\"problem\": {\"type\": \"banana\"}, \"point\": [0]}",
                        "problem.type", null),
                Arguments.of("/api/v1/problems/gradient-check", "{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"point\": [0, 0], \"extra\": 1}",
                        "extra", null));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void malformedInputIsA400NamingTheField(String path, String body, String field, String message) {
        Api.Response r = api.post(path, body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = r.json().get("errors");
        assertThat(errors.size()).as(r.body()).isGreaterThanOrEqualTo(1);
        assertThat(errors.get(0).get("field").asString()).as(r.body()).isEqualTo(field);
        if (message != null) assertThat(errors.get(0).get("message").asString()).isEqualTo(message);
    }
}
