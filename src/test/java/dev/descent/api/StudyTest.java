package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

/** Studies over HTTP: runs become jobs, the table compares them, the plot overlays them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StudyTest {
    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    JsonNode awaitFinished(String location) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get(location).json().get("status").asString().equals("FINISHED"));
        return api.get(location).json();
    }

    @Test
    void learningRateSweepNamesTheBestRunAndMarksTheDivergentOne() throws Exception {
        // gd on diag(1, 10): the error shrinks by max|1 − ηλ| per step; η = 0.05 → 0.95, η = 0.01 → 0.99,
        // and η = 0.3 > 2/L = 0.2 diverges (the error doubles each step).
        Api.Response created = api.post("/api/v1/studies", """
                {"name": "sweep", "problem": {"type": "quadratic", "diagonal": [1, 10], "b": [1, 1]},
                 "base": {"optimizer": {"type": "gd"}, "stopping": {"maxIterations": 100, "gradientTolerance": 0}},
                 "sweep": {"parameter": "optimizer.learningRate", "values": [0.01, 0.05, 0.3]}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode study = awaitFinished(created.header("Location"));
        JsonNode runs = study.get("runs");
        assertThat(runs.size()).isEqualTo(3);
        assertThat(runs.get(0).get("name").asString()).isEqualTo("optimizer.learningRate=0.01");
        assertThat(runs.get(2).get("status").asString()).isEqualTo("DIVERGED");
        assertThat(study.get("best").get("name").asString()).isEqualTo("optimizer.learningRate=0.05");
        JsonNode job = api.get("/api/v1/jobs/" + runs.get(1).get("jobId").asString()).json();
        assertThat(job.get("optimizer").get("learningRate").asDouble()).isEqualTo(0.05);

        Document svg = PlotTest.svg(api.get(created.header("Location") + "/plot.svg"));
        assertThat(PlotTest.byClass(svg, "path", "series")).hasSize(3);
        List<String> legend = PlotTest.byClass(svg, "text", "legend").stream().map(e -> e.getTextContent()).toList();
        assertThat(legend).containsExactly("optimizer.learningRate=0.01", "optimizer.learningRate=0.05",
                "optimizer.learningRate=0.3");
    }

    @Test
    void listedRunsCompareOptimizersSideBySide() {
        Api.Response created = api.post("/api/v1/studies", StudyController.RUNS_EXAMPLE);
        assertThat(created.status()).isEqualTo(201);
        JsonNode study = awaitFinished(created.header("Location"));
        assertThat(study.get("runs").size()).isEqualTo(4);
        assertThat(study.get("best").get("name").asString()).isEqualTo("lbfgs");
        assertThat(study.get("problemType").asString()).isEqualTo("function");
    }

    @Test
    void aBadRunRejectsTheWholeStudyAndSubmitsNothing() {
        int before = api.get("/api/v1/jobs?limit=1000").json().get("items").size();
        Api.Response r = api.post("/api/v1/studies", """
                {"problem": {"type": "function", "name": "sphere"},
                 "runs": [{"optimizer": {"type": "adam"}}, {"optimizer": {"type": "gd", "learningRate": -1}}]}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").toString()).contains("runs[1].optimizer.learningRate");
        Api.Response badSweep = api.post("/api/v1/studies", """
                {"problem": {"type": "function", "name": "sphere"}, "base": {"optimizer": {"type": "adam"}},
                 "sweep": {"parameter": "optimizer.beta1", "values": [0.5, 1.5]}}""");
        assertThat(badSweep.status()).isEqualTo(400);
        assertThat(badSweep.json().get("errors").toString()).contains("sweep.values[1].optimizer.beta1");
        assertThat(api.post("/api/v1/studies", """
                {"problem": {"type": "function", "name": "sphere"},
                 "sweep": {"parameter": "problem.name", "values": ["beale"]}}""").json().get("errors").toString())
                .contains("sweep.parameter");
        assertThat(api.post("/api/v1/studies", "{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}}").status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/jobs?limit=1000").json().get("items").size()).isEqualTo(before);
        assertThat(api.get("/api/v1/studies/nope").status()).isEqualTo(404);
    }
}
