package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Curve fitting and linear solvers through the public API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LeastSquaresOverHttpTest {
    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** NIST StRD Misra1a: data, start 1 and certified values as NIST publishes them. */
    static final String MISRA1A = """
            {"problem": {"type": "nonlinear-least-squares", "model": "b1*(1-exp(-b2*x))", "parameters": ["b1", "b2"],
              "x": [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0],
              "y": [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78]},
             "initialPoint": [500, 0.0001], "stopping": {"gradientTolerance": 0}}""";

    @Test
    void nonlinearFitReachesTheCertifiedParametersWithTheDefaultOptimizer() {
        JsonNode job = api.run(MISRA1A);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("optimizer").get("type").asString()).isEqualTo("levenberg-marquardt");
        JsonNode result = job.get("result");
        double[] x = Api.doubles(result.get("x"));
        assertThat(x[0]).isCloseTo(2.3894212918E+02, within(2.4e-6));
        assertThat(x[1]).isCloseTo(5.5015643181E-04, within(5.5e-12));
        assertThat(result.get("residualSumOfSquares").asDouble()).isCloseTo(1.2455138894E-01, within(1e-10));
        double[] errors = Api.doubles(result.get("parameterStandardErrors"));
        assertThat(errors[0]).isCloseTo(2.7070075241E+00, within(1e-6));
        assertThat(errors[1]).isCloseTo(7.2668688436E-06, within(1e-12));
        assertThat(result.get("correlationMatrix").get(0).get(0).asDouble()).isEqualTo(1.0);
    }

    @Test
    void qrSolvesLinearLeastSquaresInOneStepToTheClosedForm() {
        double[] t = {0, 1, 2, 3, 4};
        double[] y = {1.1, 2.9, 5.2, 7.1, 8.8};
        double tm = 2, ym = (1.1 + 2.9 + 5.2 + 7.1 + 8.8) / 5, sxy = 0, sxx = 0;
        for (int i = 0; i < 5; i++) {
            sxy += (t[i] - tm) * (y[i] - ym);
            sxx += (t[i] - tm) * (t[i] - tm);
        }
        double slope = sxy / sxx, intercept = ym - slope * tm;
        JsonNode job = api.run("""
                {"problem": {"type": "linear-least-squares", "a": [[1, 0], [1, 1], [1, 2], [1, 3], [1, 4]],
                  "b": [1.1, 2.9, 5.2, 7.1, 8.8]},
                 "optimizer": {"type": "qr"}}""");
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode result = job.get("result");
        assertThat(result.get("stopReason").asString()).isEqualTo("SOLVED");
        assertThat(result.get("iterations").asInt()).isEqualTo(1);
        double[] x = Api.doubles(result.get("x"));
        assertThat(x[0]).isCloseTo(intercept, within(1e-14));
        assertThat(x[1]).isCloseTo(slope, within(1e-14));
    }

    @Test
    void aFitReadsItsDataFromAnUploadedDatasetAndReachesTheSameCertifiedParameters() {
        String csv = "temperature,response\n77.6,10.07\n114.9,14.73\n141.1,17.94\n190.8,23.93\n239.9,29.61\n289.0,35.18\n"
                + "332.8,40.02\n378.4,44.82\n434.8,50.76\n477.3,55.05\n536.8,61.01\n593.1,66.40\n689.1,75.47\n760.0,81.78\n";
        Api.Response upload = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/api/v1/datasets?name=misra1a&label=response"))
                .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build());
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String dataset = upload.json().get("id").asString();
        String fit = """
                {"problem": {"type": "nonlinear-least-squares", "model": "b1*(1-exp(-b2*temperature))",
                  "parameters": ["b1", "b2"], "variables": ["temperature"], "dataset": "%s"},
                 "initialPoint": [500, 0.0001], "stopping": {"gradientTolerance": 0}}""".formatted(dataset);
        JsonNode job = api.run(fit);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        double[] x = Api.doubles(job.get("result").get("x"));
        assertThat(x[0]).isCloseTo(2.3894212918E+02, within(2.4e-6));
        assertThat(x[1]).isCloseTo(5.5015643181E-04, within(5.5e-12));

        Api.Response unknown = api.post("/api/v1/jobs", fit.replace("\"variables\": [\"temperature\"]", "\"variables\": [\"t\"]")
                .replace("*temperature", "*t"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").toString()).contains("problem.variables[0]", "no column 't'");
        Api.Response both = api.post("/api/v1/jobs", fit.replace("\"dataset\"", "\"y\": [1, 2], \"dataset\""));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors").toString()).contains("problem.y");
        Api.Response missing = api.post("/api/v1/jobs", fit.replace(dataset, "no-such-dataset"));
        assertThat(missing.json().get("errors").toString()).contains("problem.dataset");
    }

    @Test
    void svdReportsTheRankAndSingularValuesOfARankDeficientDesign() {
        // The second column is twice the first: rank 1 of 2.
        JsonNode job = api.run("""
                {"problem": {"type": "linear-least-squares", "a": [[1, 2], [2, 4], [3, 6]], "b": [1, 2, 3]},
                 "optimizer": {"type": "svd"}}""");
        assertThat(job.get("result").get("stopReason").asString()).isEqualTo("SOLVED");
        assertThat(job.get("result").get("rank").asInt()).isEqualTo(1);
        assertThat(job.get("result").get("singularValues").size()).isEqualTo(2);
        assertThat(job.get("result").get("singularValues").get(1).asDouble()).isLessThan(1e-12);
    }

    @Test
    void levenbergMarquardtOnALogisticProblemIsRejectedNamingTheOptimizerType() {
        Api.Response r = api.post("/api/v1/jobs", """
                {"problem": {"type": "logistic-regression", "features": [[0], [1], [2], [3]], "labels": [0, 0, 1, 1]},
                 "optimizer": {"type": "levenberg-marquardt"}}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("optimizer.type").contains("least squares");
    }

    @Test
    void moreParametersThanObservationsIsABadRequest() {
        Api.Response r = api.post("/api/v1/jobs", """
                {"problem": {"type": "nonlinear-least-squares", "model": "a + b*x + c*x^2", "parameters": ["a", "b", "c"],
                  "x": [1, 2], "y": [3, 4]}}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("problem.parameters").contains("2 observations");
    }

    @Test
    void modelErrorsNameTheColumnAndNonNumbersInXAreBadRequests() {
        Api.Response unknown = api.post("/api/v1/jobs", """
                {"problem": {"type": "nonlinear-least-squares", "model": "a*exp(-k*t)", "parameters": ["a", "k"],
                  "x": [1, 2, 3], "y": [3, 2, 1]}}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("problem.model").contains("column");
        Api.Response text = api.post("/api/v1/jobs", """
                {"problem": {"type": "nonlinear-least-squares", "model": "a*x", "parameters": ["a"],
                  "x": [1, "2", 3], "y": [3, 2, 1]}}""");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.body()).contains("problem.x[1]");
    }

    @Test
    void severalVariablesAreGivenAsRowsAndAConstantParameterIsReported() {
        JsonNode job = api.run("""
                {"problem": {"type": "nonlinear-least-squares", "model": "a*u + b*v + 0*c",
                  "parameters": ["a", "b", "c"], "variables": ["u", "v"],
                  "x": [[1, 0], [0, 1], [1, 1], [2, 1]], "y": [2, 3, 5, 7]},
                 "optimizer": {"type": "gauss-newton"}}""");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        double[] x = Api.doubles(job.get("result").get("x"));
        assertThat(x[0]).isCloseTo(2, within(1e-12));
        assertThat(x[1]).isCloseTo(3, within(1e-12));
        assertThat(job.get("result").get("unidentifiableParameters").get(0).asString()).isEqualTo("c");
    }
}
