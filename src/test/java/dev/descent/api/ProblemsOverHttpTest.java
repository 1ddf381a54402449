package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Each problem type, solved through the public API and checked against an independent answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemsOverHttpTest {
    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void denseQuadraticReachesTheSolutionOfItsLinearSystem() {
        // A = [[4,1],[1,3]], b = [1,2]: by Cramer's rule x = (1·3 − 1·2, 4·2 − 1·1)/11 = (1/11, 7/11).
        JsonNode job = api.run("""
                {"problem": {"type": "quadratic", "a": [[4, 1], [1, 3]], "b": [1, 2], "c": 5},
                 "stopping": {"gradientTolerance": 1e-12}}""");
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        double[] x = Api.doubles(job.get("result").get("x"));
        assertThat(x[0]).isCloseTo(1.0 / 11, within(1e-11));
        assertThat(x[1]).isCloseTo(7.0 / 11, within(1e-11));
        // f* = c − ½bᵀx* = 5 − ½(1/11 + 14/11) = 5 − 15/22.
        assertThat(job.get("result").get("loss").asDouble()).isCloseTo(5 - 15.0 / 22, within(1e-12));
        assertThat(job.get("optimizer").get("type").asString()).isEqualTo("lbfgs");
    }

    @Test
    void diagonalQuadraticWithGradientDescentConvergesToBOverD() {
        JsonNode job = api.run("""
                {"problem": {"type": "quadratic", "diagonal": [1, 4, 10], "b": [2, 2, 5]},
                 "optimizer": {"type": "gd", "learningRate": 0.1},
                 "stopping": {"maxIterations": 2000, "gradientTolerance": 1e-10}}""");
        assertThat(job.get("result").get("stopReason").asString()).isEqualTo("GRADIENT_TOLERANCE");
        double[] x = Api.doubles(job.get("result").get("x"));
        assertThat(x).containsExactly(new double[] {2, 0.5, 0.5}, within(1e-9));
    }

    @Test
    void linearLeastSquaresMatchesTheTextbookLineFit() {
        double[] t = {0, 1, 2, 3, 4};
        double[] y = {1.1, 2.9, 5.2, 7.1, 8.8};
        // Closed form of simple regression: slope = Sxy/Sxx, intercept = ȳ − slope·t̄.
        double tm = 2, ym = (1.1 + 2.9 + 5.2 + 7.1 + 8.8) / 5, sxy = 0, sxx = 0;
        for (int i = 0; i < 5; i++) {
            sxy += (t[i] - tm) * (y[i] - ym);
            sxx += (t[i] - tm) * (t[i] - tm);
        }
        double slope = sxy / sxx, intercept = ym - slope * tm;
        double rss = 0;
        for (int i = 0; i < 5; i++) rss += Math.pow(y[i] - intercept - slope * t[i], 2);
        JsonNode job = api.run("""
                {"problem": {"type": "linear-least-squares",
                             "a": [[1, 0], [1, 1], [1, 2], [1, 3], [1, 4]], "b": [1.1, 2.9, 5.2, 7.1, 8.8]},
                 "stopping": {"gradientTolerance": 1e-12}}""");
        JsonNode result = job.get("result");
        assertThat(result.get("x").get(0).asDouble()).isCloseTo(intercept, within(1e-10));
        assertThat(result.get("x").get(1).asDouble()).isCloseTo(slope, within(1e-10));
        assertThat(result.get("residualSumOfSquares").asDouble()).isCloseTo(rss, within(1e-10));
        // Standard error of the slope: sqrt(s²/Sxx) with s² = RSS/(m − 2).
        assertThat(result.get("parameterStandardErrors").get(1).asDouble())
                .isCloseTo(Math.sqrt(rss / 3 / sxx), within(1e-9));
    }

    @Test
    void logisticRegressionReproducesThePublishedExamStudyFit() {
        // Wikipedia, "Logistic regression", worked example (hours studied vs pass):
        // intercept −4.0777, hours 1.5046 (maximum likelihood, no penalty).
        JsonNode job = api.run(JobExamples.LOGISTIC_REGRESSION);
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode result = job.get("result");
        assertThat(result.get("coefficients").get(0).asDouble()).isCloseTo(1.5046, within(1e-4));
        assertThat(result.get("intercept").asDouble()).isCloseTo(-4.0777, within(1e-4));
        assertThat(result.get("classes").get(0).asString()).isEqualTo("fail");
        assertThat(result.get("classes").get(1).asString()).isEqualTo("pass");
        assertThat(result.get("featureNames").get(0).asString()).isEqualTo("hours");
        // At the fit, 16 of the 20 students are classified correctly (threshold 0.5 at 2.71 hours).
        assertThat(result.get("trainingAccuracy").asDouble()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void rosenbrockInTenDimensionsReachesAllOnes() {
        JsonNode job = api.run("""
                {"problem": {"type": "function", "name": "rosenbrock", "dimension": 10},
                 "optimizer": {"type": "lbfgs"}, "stopping": {"maxIterations": 2000, "gradientTolerance": 1e-9}}""");
        assertThat(Api.doubles(job.get("result").get("x"))).containsOnly(new double[] {1}, within(1e-7));
    }

    @Test
    void bealeAndSphereReachTheirPublishedMinima() {
        JsonNode beale = api.run("""
                {"problem": {"type": "function", "name": "beale"}, "initialPoint": [1, 1],
                 "stopping": {"gradientTolerance": 1e-10}}""");
        assertThat(Api.doubles(beale.get("result").get("x"))).containsExactly(new double[] {3, 0.5}, within(1e-8));
        JsonNode sphere = api.run("""
                {"problem": {"type": "function", "name": "sphere", "dimension": 5}, "initialPoint": [1, -2, 3, -4, 5],
                 "optimizer": {"type": "gd", "learningRate": 0.25}}""");
        assertThat(sphere.get("result").get("loss").asDouble()).isLessThan(1e-16);
    }

    @Test
    void himmelblauEndsAtOneOfItsFourMinima() {
        JsonNode job = api.run(JobExamples.HIMMELBLAU_LBFGS);
        double[] x = Api.doubles(job.get("result").get("x"));
        double[][] minima = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        double nearest = Double.MAX_VALUE;
        for (double[] m : minima) nearest = Math.min(nearest, Math.hypot(x[0] - m[0], x[1] - m[1]));
        assertThat(nearest).isLessThan(1e-5);
        assertThat(job.get("result").get("loss").asDouble()).isLessThan(1e-12);
    }

    @Test
    void twoMinimaFromTheRightFindsTheShallowBasinAndFromTheLeftTheDeepOne() {
        JsonNode right = api.run("""
                {"problem": {"type": "function", "name": "two-minima"}, "initialPoint": [1.2, 0.1]}""");
        JsonNode left = api.run("""
                {"problem": {"type": "function", "name": "two-minima"}, "initialPoint": [-1.2, 0.1]}""");
        assertThat(right.get("result").get("x").get(0).asDouble()).isGreaterThan(0.5);
        assertThat(left.get("result").get("x").get(0).asDouble()).isLessThan(-0.5);
        assertThat(left.get("result").get("loss").asDouble()).isLessThan(right.get("result").get("loss").asDouble());
        assertThat(left.get("result").get("gradientNorm").asDouble()).isLessThan(1e-7);
    }
}
