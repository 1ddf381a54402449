package dev.descent.problem;

import static dev.descent.problem.CheckResults.fields;
import static dev.descent.problem.CheckResults.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.linalg.Vectors;
import dev.descent.spec.FieldViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class LogisticRegressionTest {

    static Stream<Long> seeds() {
        return LongStream.range(1, 6).boxed();
    }

    /** m random rows of n features, labels drawn from {@code classes}. */
    static LogisticRegressionSpec random(long seed, List<Object> classes, double l2, double l1, boolean fitIntercept) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(4), m = 6 + random.nextInt(10);
        List<Object> labels = new ArrayList<>();
        for (int i = 0; i < m; i++) labels.add(classes.get(i < classes.size() ? i : random.nextInt(classes.size())));
        var spec = new LogisticRegressionSpec(Derivatives.randomMatrix(random, m, n), labels, l2, l1, fitIntercept, null);
        assertThat(violations(spec)).isEmpty();
        return spec;
    }

    @ParameterizedTest @MethodSource("seeds")
    void binaryGradientAndHessianMatchFiniteDifferences(long seed) {
        for (boolean fitIntercept : new boolean[] {true, false}) {
            var spec = random(seed, List.of(0, 1), 0.3, 0.05, fitIntercept);
            Problem p = spec.create();
            assertThat(p).isInstanceOf(BinaryLogisticRegression.class);
            assertThat(p.dimension()).isEqualTo(spec.features()[0].length + (fitIntercept ? 1 : 0)).isEqualTo(spec.dimension());
            double[] x = Derivatives.randomPoint(new Random(-seed), p.dimension(), 2);
            Derivatives.assertGradientMatches(p, x);
            Derivatives.assertHessianMatches(p, x);
        }
    }

    @ParameterizedTest @MethodSource("seeds")
    void softmaxWithThreeClassesGradientAndHessianMatchFiniteDifferences(long seed) {
        for (boolean fitIntercept : new boolean[] {true, false}) {
            var spec = random(seed, List.of("a", "b", "c"), 0.2, 0.05, fitIntercept);
            Problem p = spec.create();
            int n = spec.features()[0].length;
            assertThat(p.dimension()).isEqualTo(3 * (n + (fitIntercept ? 1 : 0))).isEqualTo(spec.dimension());
            double[] x = Derivatives.randomPoint(new Random(-seed), p.dimension(), 2);
            Derivatives.assertGradientMatches(p, x);
            Derivatives.assertHessianMatches(p, x);
        }
    }

    @Test
    void binaryGradientMatchesTheTextbookFormulaOnThreeRows() {
        double[][] features = {{1, 2}, {0, -1}, {3, 1}};
        double[] y = {1, -1, 1};  // labels "b", "a", "b": "b" sorts second, so it is the positive class
        double l2 = 0.3, l1 = 0.2;
        double[] x = {0.5, -0.25, 0.1};
        double value = 0;
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double z = x[0] * features[i][0] + x[1] * features[i][1] + x[2];
            value += Math.log(1 + Math.exp(-y[i] * z)) / 3;
            double c = -y[i] / (1 + Math.exp(y[i] * z)) / 3;
            expected[0] += c * features[i][0];
            expected[1] += c * features[i][1];
            expected[2] += c;
        }
        value += l2 / 2 * (x[0] * x[0] + x[1] * x[1]) + l1 * (Math.abs(x[0]) + Math.abs(x[1]));
        expected[0] += l2 * x[0] + l1;
        expected[1] += l2 * x[1] - l1;

        Problem p = new LogisticRegressionSpec(features, List.of("b", "a", "b"), l2, l1, null, null).create();
        double[] g = new double[3];
        assertThat(p.valueAndGradient(x, g)).isCloseTo(value, within(1e-14));
        Derivatives.assertClose(g, expected, 1e-14, "gradient");
    }

    @Test
    void l1SubgradientIsZeroAtZeroWeights() {
        Problem p = new LogisticRegressionSpec(new double[][] {{1}, {-1}}, List.of(0, 1), null, 5.0, false, null).create();
        double[] g = new double[1];
        p.valueAndGradient(new double[] {0}, g);
        // Data gradient at w = 0: (1/m)Σ −yᵢxᵢσ(0) = ½(½ + ½) = ½, with y = (−1, +1); no l1 term at zero.
        assertThat(g[0]).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void hugeMarginsGiveFiniteLossAndGradient() {
        double[][] features = {{1e6}, {-1e6}, {2e6}};
        Problem p = new LogisticRegressionSpec(features, List.of(1, 0, 0), null, null, true, null).create();
        double[] x = {1, 0}, g = new double[2];
        double f = p.valueAndGradient(x, g);
        // Row 1 right with margin 1e6 (loss ~0); row 3 wrong by 2e6, row 1 right: loss = (0 + 0 + 2e6)/3.
        assertThat(f).isCloseTo(2e6 / 3, within(1e-6));
        assertThat(Vectors.allFinite(g)).isTrue();
        // Row 3 alone contributes σ(2e6)·x = 2e6 (times 1/3) to ∂f/∂w, and 1/3 to ∂f/∂b.
        assertThat(g[0]).isCloseTo(2e6 / 3, within(1e-6));
        assertThat(g[1]).isCloseTo(1.0 / 3, within(1e-12));
        double[] h = new double[4];
        p.hessian(x, h);
        assertThat(Vectors.allFinite(h)).isTrue();

        Problem softmax = new LogisticRegressionSpec(features, List.of(2, 1, 0), null, null, true, null).create();
        double[] gs = new double[softmax.dimension()];
        double[] xs = {1, -1, 3, 0, 0, 0};
        assertThat(Double.isFinite(softmax.valueAndGradient(xs, gs))).isTrue();
        assertThat(Vectors.allFinite(gs)).isTrue();
    }

    @Test
    void softmaxLossAtZeroIsLogOfTheClassCount() {
        var spec = random(3, List.of(1, 2, 3, 4), 0, 0, true);
        Problem p = spec.create();
        assertThat(p.value(new double[p.dimension()])).isCloseTo(Math.log(4), within(1e-14));
    }

    @Test
    void describeReportsBinaryCoefficientsAccuracyAndLogLoss() {
        double[][] features = {{-2}, {-1}, {1}, {2}, {0.5}};
        List<Object> labels = List.of("no", "no", "yes", "yes", "no");
        Problem p = new LogisticRegressionSpec(features, labels, null, null, null, null).create();
        double[] x = {2, 0};
        Map<String, Object> d = p.describe(x);
        assertThat(d).containsOnlyKeys("classes", "featureNames", "coefficients", "intercept", "trainingAccuracy", "logLoss");
        assertThat(d.get("classes")).isEqualTo(List.of("no", "yes"));
        assertThat(d.get("featureNames")).isEqualTo(List.of("x1"));
        assertThat((double[]) d.get("coefficients")).containsExactly(2.0);
        assertThat(d.get("intercept")).isEqualTo(0.0);
        assertThat((double) d.get("trainingAccuracy")).isEqualTo(0.8);  // row 5 (z = 1, label "no") is wrong
        double expectedLoss = (Math.log1p(Math.exp(-4)) * 2 + Math.log1p(Math.exp(-2)) * 2 + Math.log1p(Math.exp(1))) / 5;
        assertThat((double) d.get("logLoss")).isCloseTo(expectedLoss, within(1e-14));
    }

    @Test
    void describeReportsSoftmaxRowsPerClassInSortedOrder() {
        double[][] features = {{0, 0}, {5, 0}, {0, 5}, {4, 1}};
        // 1 and 1.0 are one class; numbers sort numerically, so classes are 1.0, 9, 10.
        List<Object> labels = Arrays.asList(1.0, 10, 9, 1);
        var spec = new LogisticRegressionSpec(features, labels, null, null, true, List.of("height", "width"));
        assertThat(spec.dimension()).isEqualTo(9);
        Problem p = spec.create();
        double[] x = {0, 0, /* class 9 */ 1, 0, /* class 10 */ 0, 1, /* intercepts */ 1, 0, 0};
        Map<String, Object> d = p.describe(x);
        assertThat(d.get("classes")).isEqualTo(List.of(1.0, 9, 10));
        assertThat(d.get("featureNames")).isEqualTo(List.of("height", "width"));
        assertThat((double[][]) d.get("coefficients")).isDeepEqualTo(new double[][] {{0, 0}, {1, 0}, {0, 1}});
        assertThat((double[]) d.get("intercept")).containsExactly(1, 0, 0);
        // z: row 1 (1,0,0) → 1.0 ✓; row 2 (1,5,0) → 9 ✗ (is 10); row 3 (1,0,5) → 10 ✗ (is 9); row 4 (1,4,1) → 9 ✗
        assertThat((double) d.get("trainingAccuracy")).isEqualTo(0.25);
    }

    @Test
    void stringClassesSortLexicographically() {
        var spec = new LogisticRegressionSpec(new double[][] {{1}, {2}, {3}}, List.of("cat", "ant", "bee"), null, null, false, null);
        assertThat(spec.create().describe(new double[3]).get("classes")).isEqualTo(List.of("ant", "bee", "cat"));
    }

    @Test
    void defaultsAreNoPenaltyWithIntercept() {
        var spec = new LogisticRegressionSpec(null, null, null, null, null, null);
        assertThat(spec.l2()).isEqualTo(0.0);
        assertThat(spec.l1()).isEqualTo(0.0);
        assertThat(spec.fitIntercept()).isTrue();
    }

    @Test
    void missingFeaturesAndLabelsAreReported() {
        assertThat(fields(new LogisticRegressionSpec(null, null, null, null, null, null))).containsExactly("features", "labels");
    }

    @Test
    void raggedFeaturesAndMismatchedLabelsAreReported() {
        var found = violations(new LogisticRegressionSpec(new double[][] {{1, 2}, {3}, {4, 5}}, List.of(0, 1), null, null, null, null));
        assertThat(found).extracting(FieldViolation::field).containsExactly("features[1]", "labels");
        assertThat(found.get(1).message()).isEqualTo("has 2 entries; features has 3 rows");
    }

    @Test
    void labelsOtherThanNumbersOrStringsAreReportedByIndex() {
        var found = violations(new LogisticRegressionSpec(new double[][] {{1}, {2}, {3}, {4}},
                Arrays.asList(0, 1, true, null), null, null, null, null));
        assertThat(found).extracting(FieldViolation::field).containsExactly("labels[2]", "labels[3]");
        assertThat(found.get(0).message()).contains("boolean");
    }

    @Test
    void mixingNumbersAndStringsIsReportedAtTheFirstOddOne() {
        var found = violations(new LogisticRegressionSpec(new double[][] {{1}, {2}, {3}, {4}},
                List.of(0, 1, 1, "x"), null, null, null, null));
        assertThat(found).extracting(FieldViolation::field).containsExactly("labels[3]");
        assertThat(found.get(0).message()).contains("labels[0]");
    }

    @Test
    void aSingleClassIsReported() {
        var found = violations(new LogisticRegressionSpec(new double[][] {{1}, {2}}, List.of(1, 1.0), null, null, null, null));
        assertThat(found).extracting(FieldViolation::field).containsExactly("labels");
        assertThat(found.get(0).message()).contains("two distinct classes");
    }

    @Test
    void featureNamesOfTheWrongLengthOrRepeatedAreReported() {
        var spec = new LogisticRegressionSpec(new double[][] {{1, 2, 3}, {4, 5, 6}}, List.of(0, 1), null, null, null,
                List.of("a", "a"));
        assertThat(fields(spec)).containsExactly("featureNames", "featureNames[1]");
    }

    @Test
    void dimensionAboveTheLimitIsReportedOnFeatures() {
        // 3 classes × (2 features + intercept) = 9 variables.
        var spec = new LogisticRegressionSpec(new double[][] {{1, 2}, {3, 4}, {5, 6}}, List.of("a", "b", "c"), null, null, null, null);
        assertThat(violations(spec, CheckResults.maxDimension(8))).extracting(FieldViolation::field).containsExactly("features");
        assertThat(violations(spec, CheckResults.maxDimension(9))).isEmpty();
    }

    @Test
    void jsonLabelsMayMixIntegersAndDecimalsOfTheSameValue() throws Exception {
        var spec = JsonMapper.builder().build().readValue(
                "{\"type\":\"logistic-regression\",\"features\":[[0],[1],[2]],\"labels\":[1, 1.0, 2],\"l2\":0.5}",
                ProblemSpec.class);
        assertThat(spec).isInstanceOf(LogisticRegressionSpec.class);
        assertThat(violations(spec)).isEmpty();
        assertThat(spec.dimension()).isEqualTo(2);
        assertThat(spec.create().describe(new double[2]).get("classes")).asList().hasSize(2);
    }
}
