package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A job's whole life over real HTTP: submit, poll, page the trajectory, cancel, time out, diverge, delete. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class JobLifecycleTest {
    /** Enough plain gradient steps on a large Rosenbrock to run for minutes if nothing stops it. */
    static final String LONG_JOB = """
            {"problem": {"type": "function", "name": "rosenbrock", "dimension": 20000},
             "optimizer": {"type": "gd", "learningRate": 1e-6},
             "stopping": {"maxIterations": 10000000, "gradientTolerance": 0%s}}""";

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void submittedJobAnswers202WithLocationAndEveryDefaultFilledIn() {
        Api.Response r = api.post("/api/v1/jobs", """
                {"problem": {"type": "function", "name": "rosenbrock"}, "optimizer": {"type": "adam"}}""");
        assertThat(r.status()).isEqualTo(202);
        String id = r.json().get("id").asString();
        assertThat(r.header("Location")).isEqualTo("/api/v1/jobs/" + id);
        JsonNode optimizer = r.json().get("optimizer");
        assertThat(optimizer.get("learningRate").asDouble()).isEqualTo(1e-3);
        assertThat(optimizer.get("beta1").asDouble()).isEqualTo(0.9);
        assertThat(optimizer.get("beta2").asDouble()).isEqualTo(0.999);
        assertThat(optimizer.get("epsilon").asDouble()).isEqualTo(1e-8);
        assertThat(r.json().get("stopping").get("maxIterations").asLong()).isEqualTo(1000);
        assertThat(r.json().get("problem").get("dimension").asInt()).isEqualTo(2);
        JsonNode done = api.awaitFinished(id);
        assertThat(done.get("result").get("iterations").asLong()).isEqualTo(1000);
        assertThat(done.get("result").get("stopReason").asString()).isEqualTo("MAX_ITERATIONS");
        assertThat(done.get("progress").get("iteration").asLong()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "gd                         | {\"type\": \"gd\", \"learningRate\": 0.3}",
            "momentum                   | {\"type\": \"momentum\", \"learningRate\": 0.1, \"momentum\": 0.5}",
            "nesterov momentum          | {\"type\": \"momentum\", \"learningRate\": 0.1, \"momentum\": 0.5, \"nesterov\": true}",
            "adagrad                    | {\"type\": \"adagrad\", \"learningRate\": 0.5}",
            "rmsprop                    | {\"type\": \"rmsprop\", \"learningRate\": 0.01}",
            "adam                       | {\"type\": \"adam\", \"learningRate\": 0.05}",
            "lbfgs                      | {\"type\": \"lbfgs\"}",
            "newton                     | {\"type\": \"newton\"}"})
    void everyOptimizerConvergesOnAWellConditionedQuadratic(String name, String optimizer) {
        // Minimizer of ½xᵀAx − bᵀx with A = diag(1, 2, 3), b = (1, 1, 1): x* = (1, 1/2, 1/3).
        JsonNode job = api.run("""
                {"problem": {"type": "quadratic", "diagonal": [1, 2, 3], "b": [1, 1, 1]},
                 "optimizer": %s, "stopping": {"maxIterations": 20000, "gradientTolerance": 1e-7}}""".formatted(optimizer));
        assertThat(job.get("result").get("stopReason").asString()).as(name).isEqualTo("GRADIENT_TOLERANCE");
        assertThat(Api.doubles(job.get("result").get("x")))
                .containsExactly(new double[] {1, 0.5, 1.0 / 3}, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sgd minibatch-free          | {\"type\": \"sgd\", \"learningRate\": 0.3, \"batchSize\": 2} | 1e-9",
            "nesterov                    | {\"type\": \"nesterov\", \"learningRate\": 0.1, \"momentum\": 0.5} | 1e-9",
            "adadelta                    | {\"type\": \"adadelta\", \"learningRate\": 1.0} | 1e-3",
            "adamw without decay         | {\"type\": \"adamw\", \"learningRate\": 0.05, \"weightDecay\": 0} | 1e-9",
            "adamax                      | {\"type\": \"adamax\", \"learningRate\": 0.05} | 1e-9",
            "nadam                       | {\"type\": \"nadam\", \"learningRate\": 0.05} | 1e-9",
            "radam                       | {\"type\": \"radam\", \"learningRate\": 0.05} | 1e-9",
            "rprop                       | {\"type\": \"rprop\"} | 1e-9",
            "quickprop                   | {\"type\": \"quickprop\", \"learningRate\": 0.1} | 1e-9",
            "gradient descent + armijo   | {\"type\": \"gradient-descent-line-search\"} | 1e-9",
            "gradient descent + exact    | {\"type\": \"gradient-descent-line-search\", \"lineSearch\": \"exact\"} | 1e-9",
            "conjugate gradient          | {\"type\": \"conjugate-gradient\"} | 1e-9",
            "bfgs                        | {\"type\": \"bfgs\"} | 1e-9",
            "nelder-mead                 | {\"type\": \"nelder-mead\"} | 1e-9",
            "random search               | {\"type\": \"random-search\", \"learningRate\": 0.05, \"shrinkFactor\": 0.99} | 1e-4"})
    void everyOtherOptimizerReachesTheQuadraticsMinimumOverHttp(String name, String optimizer, double gap) {
        // f* = −½·Σ bᵢ²/dᵢ = −½·(1 + 1/2 + 1/3) for diag(1, 2, 3) and b = (1, 1, 1).
        double optimum = -0.5 * (1 + 0.5 + 1.0 / 3);
        JsonNode job = api.run("""
                {"problem": {"type": "quadratic", "diagonal": [1, 2, 3], "b": [1, 1, 1]}, "seed": 3,
                 "optimizer": %s, "stopping": {"maxIterations": 20000, "gradientTolerance": 1e-7}}""".formatted(optimizer));
        assertThat(job.get("status").asString()).as(name).isEqualTo("SUCCEEDED");
        assertThat(job.get("result").get("loss").asDouble() - optimum).as(name).isBetween(-1e-12, gap);
    }

    @Test
    void newtonAndLbfgsSolveRosenbrockFromTheClassicStart() {
        for (String optimizer : List.of("newton", "lbfgs")) {
            JsonNode job = api.run("""
                    {"problem": {"type": "function", "name": "rosenbrock"}, "optimizer": {"type": "%s"},
                     "initialPoint": [-1.2, 1], "stopping": {"gradientTolerance": 1e-10}}""".formatted(optimizer));
            assertThat(Api.doubles(job.get("result").get("x"))).as(optimizer)
                    .containsExactly(new double[] {1, 1}, within(1e-9));
        }
    }

    @Test
    void trajectoryPagesReassembleTheWholeRun() {
        String id = api.submit("""
                {"problem": {"type": "function", "name": "rosenbrock"}, "optimizer": {"type": "adam", "learningRate": 0.01},
                 "stopping": {"maxIterations": 2500, "gradientTolerance": 0}, "recording": {"includePoint": true}}""");
        api.awaitFinished(id);
        List<Long> iterations = new ArrayList<>();
        long after = -1;
        int pages = 0;
        while (true) {
            JsonNode page = api.get("/api/v1/jobs/" + id + "/trajectory?limit=700&after=" + after).json();
            assertThat(page.get("total").asInt()).isEqualTo(2501);
            for (JsonNode p : page.get("points")) {
                iterations.add(p.get("iteration").asLong());
                assertThat(p.get("x").size()).isEqualTo(2);
            }
            pages++;
            if (page.get("nextAfter").isNull()) break;
            after = page.get("nextAfter").asLong();
        }
        assertThat(pages).isEqualTo(4);
        assertThat(iterations).hasSize(2501);
        for (int k = 0; k <= 2500; k++) assertThat(iterations.get(k)).isEqualTo(k);

        JsonNode spread = api.get("/api/v1/jobs/" + id + "/trajectory?maxPoints=50").json();
        JsonNode points = spread.get("points");
        assertThat(points.size()).isLessThanOrEqualTo(50);
        assertThat(points.get(0).get("iteration").asLong()).isZero();
        assertThat(points.get(points.size() - 1).get("iteration").asLong()).isEqualTo(2500);

        Api.Response csv = api.get("/api/v1/jobs/" + id + "/trajectory?limit=3", "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\n");
        assertThat(lines[0]).isEqualTo("iteration,loss,gradientNorm,learningRate,elapsedMillis,x1,x2");
        assertThat(lines).hasSize(4);
        String[] first = lines[1].split(",");
        assertThat(first[0]).isEqualTo("0");
        assertThat(Double.parseDouble(first[1])).isCloseTo(24.2, within(1e-12));
        assertThat(first[5]).isEqualTo("-1.2");
        assertThat(csv.header("Descent-Next-After")).isEqualTo("2");
    }

    @Test
    void recordingEveryNKeepsMultiplesAndTheLastPoint() {
        String id = api.submit("""
                {"problem": {"type": "function", "name": "sphere"}, "optimizer": {"type": "gd", "learningRate": 0.01},
                 "stopping": {"maxIterations": 1003, "gradientTolerance": 0}, "recording": {"every": 100}}""");
        api.awaitFinished(id);
        JsonNode points = api.get("/api/v1/jobs/" + id + "/trajectory").json().get("points");
        List<Long> iterations = new ArrayList<>();
        points.forEach(p -> iterations.add(p.get("iteration").asLong()));
        assertThat(iterations).containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L, 1003L);
        // Point k's learning rate is the one step k+1 uses.
        assertThat(points.get(1).get("learningRate").asDouble()).isEqualTo(0.01);
    }

    @Test
    void cancellingARunningJobStopsItWithTheBestPointAndCancellingAgainIs409() {
        String id = api.submit(LONG_JOB.formatted(""));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/jobs/" + id).json().get("status").asString().equals("RUNNING"));
        assertThat(api.delete("/api/v1/jobs/" + id).status()).isEqualTo(409);
        Api.Response cancel = api.post("/api/v1/jobs/" + id + "/cancel", "");
        assertThat(cancel.status()).isEqualTo(202);
        JsonNode job = api.awaitFinished(id, Duration.ofSeconds(5));
        assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(job.get("result").get("stopReason").asString()).isEqualTo("CANCELLED");
        assertThat(job.get("result").get("x").size()).isEqualTo(20000);
        double start = api.get("/api/v1/jobs/" + id + "/trajectory?limit=1").json().get("points").get(0).get("loss").asDouble();
        assertThat(job.get("result").get("loss").asDouble()).isLessThan(start);
        assertThat(api.post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/jobs/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobs/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs/" + id + "/trajectory").status()).isEqualTo(404);
    }

    @Test
    void cancelDuringALongIterationAnswersCancelledAtOnce() {
        // One Newton iteration here factors a 3000×3000 Hessian: far longer than the 100 ms budget.
        String id = api.submit("""
                {"problem": {"type": "function", "name": "rosenbrock", "dimension": 3000},
                 "optimizer": {"type": "newton"}, "stopping": {"maxIterations": 100000, "gradientTolerance": 0}}""");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/jobs/" + id).json().get("status").asString().equals("RUNNING"));
        Api.Response cancel = api.post("/api/v1/jobs/" + id + "/cancel", "");
        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancel.json().get("result").get("stopReason").asString()).isEqualTo("CANCELLED");
        assertThat(cancel.json().get("result").get("x").size()).isEqualTo(3000);
    }

    @Test
    void timeLimitEndsTheJobTimedOutWithItsBestPoint() {
        JsonNode job = api.run(LONG_JOB.formatted(", \"timeLimit\": \"PT0.3S\""));
        assertThat(job.get("status").asString()).isEqualTo("TIMED_OUT");
        assertThat(job.get("result").get("stopReason").asString()).isEqualTo("TIME_LIMIT");
        assertThat(job.get("result").get("iterations").asLong()).isPositive();
        assertThat(job.get("result").get("loss").isNumber()).isTrue();
    }

    @Test
    void aStepAboveTwoOverLDivergesAndAnUnboundedObjectiveToo() {
        // Sphere has L = 2 (f = Σx², ∇²f = 2I): gd with η = 1.5 > 2/L multiplies x by −2 each step.
        JsonNode blowUp = api.run("""
                {"problem": {"type": "function", "name": "sphere"}, "optimizer": {"type": "gd", "learningRate": 1.5},
                 "stopping": {"maxIterations": 100000}}""");
        assertThat(blowUp.get("status").asString()).isEqualTo("DIVERGED");
        assertThat(blowUp.get("result").get("stopReason").asString()).isEqualTo("DIVERGED");
        assertThat(blowUp.get("result").get("loss").asDouble()).isEqualTo(2.0); // the start (1, 1) is the best point
        JsonNode saddle = api.run("""
                {"problem": {"type": "function", "name": "saddle"}, "optimizer": {"type": "gd", "learningRate": 0.1},
                 "stopping": {"maxIterations": 100000}}""");
        assertThat(saddle.get("status").asString()).isEqualTo("DIVERGED");
    }

    @Test
    void theSameSeedGivesTheSameTrajectory() {
        String body = """
                {"problem": {"type": "function", "name": "rosenbrock"}, "optimizer": {"type": "rmsprop"},
                 "seed": 7, "stopping": {"maxIterations": 300, "gradientTolerance": 0}}""";
        String a = api.submit(body), b = api.submit(body);
        api.awaitFinished(a);
        api.awaitFinished(b);
        JsonNode pa = api.get("/api/v1/jobs/" + a + "/trajectory").json().get("points");
        JsonNode pb = api.get("/api/v1/jobs/" + b + "/trajectory").json().get("points");
        assertThat(pa.size()).isEqualTo(301);
        for (int k = 0; k < pa.size(); k++) assertThat(pa.get(k).get("loss")).isEqualTo(pb.get(k).get("loss"));
    }

    @Test
    void idempotencyKeyReplaysTheSameJobAndRejectsAnotherBody() {
        String body = "{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}}";
        Api.Response first = api.post("/api/v1/jobs", body, "Idempotency-Key", "order-17");
        Api.Response again = api.post("/api/v1/jobs", body, "Idempotency-Key", "order-17");
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        Api.Response other = api.post("/api/v1/jobs", "{\"problem\": {\"type\": \"function\", \"name\": \"beale\"}}",
                "Idempotency-Key", "order-17");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void listingPagesNewestFirstAndFiltersByStatus() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(api.submit("{\"name\": \"list-" + i + "\", \"problem\": {\"type\": \"function\", \"name\": \"sphere\"}}"));
        ids.forEach(api::awaitFinished);
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = api.get("/api/v1/jobs?status=SUCCEEDED&limit=2&cursor=" + cursor).json();
            page.get("items").forEach(j -> {
                assertThat(j.get("status").asString()).isEqualTo("SUCCEEDED");
                seen.add(j.get("id").asString());
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        List<String> mine = seen.stream().filter(ids::contains).toList();
        assertThat(mine).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void capsAreInclusive() {
        // descent.limits.max-iterations and max-dimension themselves are accepted (API.md: caps are inclusive).
        Api.Response r = api.post("/api/v1/jobs", """
                {"problem": {"type": "function", "name": "sphere", "dimension": 1000000},
                 "optimizer": {"type": "gd"}, "stopping": {"maxIterations": 10000000, "gradientTolerance": 0}}""");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        api.post("/api/v1/jobs/" + r.json().get("id").asString() + "/cancel", "");
        assertThat(api.awaitFinished(r.json().get("id").asString()).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void unknownJobIs404ProblemJson() {
        Api.Response r = api.get("/api/v1/jobs/no-such-job");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(404);
        assertThat(r.json().get("instance").asString()).isEqualTo("/api/v1/jobs/no-such-job");
    }

    @Test
    void finishedJobsAreCountedInPrometheus() {
        api.run("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, \"optimizer\": {\"type\": \"adam\"}}");
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).contains("descent_jobs_submitted_total{");
        assertThat(metrics).containsPattern("descent_jobs_finished_total\\{[^}]*optimizer=\"adam\"[^}]*problem=\"function\"[^}]*status=\"SUCCEEDED\"");
        assertThat(metrics).contains("descent_job_duration_seconds_bucket{");
        assertThat(metrics).contains("descent_job_queue_wait_seconds_bucket{");
        assertThat(metrics).contains("descent_optimizer_iterations_total{");
        assertThat(metrics).contains("descent_jobs_queued ");
        assertThat(metrics).contains("descent_jobs_running ");
        assertThat(metrics).doesNotContain("job=\"");
    }

    @Test
    void healthHasLivenessAndReadinessGroups() {
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/env").status()).isEqualTo(404);
    }

    @Test
    void swaggerUiAndTheOpenApiDocumentDescribeEveryType() {
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
        String doc = api.get("/v3/api-docs").body();
        for (String type : List.of("QuadraticSpec", "LinearLeastSquaresSpec", "LogisticRegressionSpec", "FunctionSpec",
                "AdamSpec", "LbfgsSpec", "NewtonSpec", "CosineSchedule", "StoppingSpec")) {
            assertThat(doc).contains("\"" + type + "\"");
        }
        assertThat(doc).contains("rosenbrock with adam");
        JsonNode schemas = Api.JSON.readTree(doc).get("components").get("schemas");
        JsonNode adam = schemas.get("AdamSpec");
        assertThat(adam.get("description").asString()).contains("type: \"adam\"", "Kingma");
        assertThat(adam.toString()).contains("\"default\":0.999");
        assertThat(schemas.get("OptimizerSpec").get("discriminator").get("mapping").get("lbfgs").asString())
                .isEqualTo("#/components/schemas/LbfgsSpec");
    }

    @Test
    void cataloguesListEveryTypeWithDefaultsAndAcceptedProblems() {
        JsonNode optimizers = api.get("/api/v1/optimizers").json().get("items");
        List<String> types = new ArrayList<>();
        optimizers.forEach(o -> types.add(o.get("type").asString()));
        assertThat(types).contains("gd", "momentum", "adagrad", "rmsprop", "adam", "lbfgs", "newton");
        JsonNode adam = null;
        for (JsonNode o : optimizers) if (o.get("type").asString().equals("adam")) adam = o;
        assertThat(adam.get("reference").asString()).isNotBlank();
        JsonNode beta2 = null;
        for (JsonNode p : adam.get("parameters")) if (p.get("name").asString().equals("beta2")) beta2 = p;
        assertThat(beta2.get("defaultValue").asDouble()).isEqualTo(0.999);
        assertThat(beta2.get("maximum").asDouble()).isEqualTo(1.0);
        assertThat(beta2.get("exclusiveMaximum").asBoolean()).isTrue();
        assertThat(adam.get("acceptedProblemTypes").toString()).contains("quadratic", "logistic-regression");
        List<String> problems = new ArrayList<>();
        api.get("/api/v1/problem-types").json().get("items").forEach(p -> problems.add(p.get("type").asString()));
        assertThat(problems).containsExactly("quadratic", "linear-least-squares", "logistic-regression", "function", "expression",
                "nonlinear-least-squares");
        List<String> schedules = new ArrayList<>();
        api.get("/api/v1/schedules").json().get("items").forEach(p -> schedules.add(p.get("type").asString()));
        assertThat(schedules).contains("constant", "step", "exponential", "inverse-time", "cosine");
    }
}
