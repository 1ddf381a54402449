package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A job estimated above descent.jobs.max-memory is refused at submission with 400 and the estimate, over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "descent.jobs.max-memory=64MB")
class JobMemoryBudgetTest {
    static final long BUDGET = 64L << 20;

    @LocalServerPort
    int port;

    @Test
    void bfgsOnFourThousandVariablesIsRefusedWithTheEstimateWhileLbfgsRuns() {
        Api api = new Api(port);
        String bfgs = """
                {"problem": {"type": "function", "name": "sphere", "dimension": 4000},
                 "optimizer": {"type": "bfgs"}, "stopping": {"maxIterations": 5}}""";
        Api.Response r = api.post("/api/v1/jobs", bfgs);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.get("budgetBytes").asLong()).isEqualTo(BUDGET);
        assertThat(body.get("estimatedBytes").asLong()).as("the 4000² inverse Hessian alone").isGreaterThan(8L * 4000 * 4000);
        assertThat(body.get("estimate").get("optimizer").asLong()).isGreaterThan(BUDGET);
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("optimizer.type");
        assertThat(body.get("detail").asString()).contains("descent.jobs.max-memory");
        for (JsonNode job : api.get("/api/v1/jobs?limit=1000").json().get("items")) {
            assertThat(job.get("optimizer").get("type").asString()).as("no bfgs job was queued").isNotEqualTo("bfgs");
        }

        JsonNode lbfgs = api.run(bfgs.replace("\"bfgs\"", "\"lbfgs\""));
        assertThat(lbfgs.get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void recordingEveryPointOfALargeProblemIsRefusedButRecordingLossesIsNot() {
        Api api = new Api(port);
        String recorded = """
                {"problem": {"type": "function", "name": "sphere", "dimension": 100000},
                 "optimizer": {"type": "adam"}, "stopping": {"maxIterations": 100},
                 "recording": {"includePoint": true}}""";
        Api.Response r = api.post("/api/v1/jobs", recorded);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("recording");
        assertThat(r.json().get("estimate").get("trajectory").asLong()).as("101 points of 100000 numbers")
                .isGreaterThan(101L * 100_000 * 8);

        Api.Response thinned = api.post("/api/v1/jobs", recorded.replace("\"includePoint\": true", "\"includePoint\": true, \"every\": 100"));
        assertThat(thinned.status()).as("every 100th point fits: " + thinned.body()).isEqualTo(202);
        assertThat(api.post("/api/v1/jobs", recorded.replace("true", "false")).status()).isEqualTo(202);
    }

    @Test
    void aStudyWithARunOverTheBudgetIsRefusedWhole() {
        Api api = new Api(port);
        Api.Response r = api.post("/api/v1/studies", """
                {"problem": {"type": "function", "name": "sphere", "dimension": 4000},
                 "runs": [{"optimizer": {"type": "lbfgs"}}, {"optimizer": {"type": "newton"}}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("runs[1]").contains("descent.jobs.max-memory");
    }
}
