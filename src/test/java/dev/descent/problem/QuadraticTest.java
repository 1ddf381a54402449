package dev.descent.problem;

import static dev.descent.problem.CheckResults.fields;
import static dev.descent.problem.CheckResults.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.spec.FieldViolation;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class QuadraticTest {

    static Stream<Long> seeds() {
        return LongStream.range(1, 6).boxed();
    }

    /** A random symmetric (generally indefinite) n×n matrix. */
    static double[][] symmetric(Random random, int n) {
        double[][] a = Derivatives.randomMatrix(random, n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) a[j][i] = a[i][j];
        return a;
    }

    /** A random symmetric positive definite n×n matrix, MᵀM + I. */
    static double[][] positiveDefinite(Random random, int n) {
        double[][] m = Derivatives.randomMatrix(random, n, n), a = new double[n][n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) a[i][j] += m[k][i] * m[k][j];
                if (i == j) a[i][j] += 1;
            }
        return a;
    }

    @ParameterizedTest @MethodSource("seeds")
    void denseGradientAndHessianMatchFiniteDifferences(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(7);
        var spec = new QuadraticSpec(symmetric(random, n), null, Derivatives.randomPoint(random, n, 3), 1.5);
        assertThat(violations(spec)).isEmpty();
        Problem p = spec.create();
        double[] x = Derivatives.randomPoint(random, n, 2);
        Derivatives.assertGradientMatches(p, x);
        Derivatives.assertHessianMatches(p, x);
    }

    /**
     * Large enough for the vector row products and the eight-row sweeps of A·v: f from value and from
     * valueAndGradient is the same to the last bit (optimizers compare the two), and A·v agrees with
     * the gradient's Ax to rounding.
     */
    @ParameterizedTest @MethodSource("seeds")
    void denseValueIsTheSameFromBothEntryPointsAndHessianTimesVectorAgrees(long seed) {
        Random random = new Random(seed);
        int n = 70 + random.nextInt(60);
        double[] b = Derivatives.randomPoint(random, n, 3);
        Problem p = new QuadraticSpec(symmetric(random, n), null, b, 0.5).create();
        double[] x = Derivatives.randomPoint(random, n, 2), g = new double[n], ax = new double[n];
        assertThat(Double.doubleToRawLongBits(p.valueAndGradient(x, g))).isEqualTo(Double.doubleToRawLongBits(p.value(x)));
        p.hessianVectorProduct(x, x, ax);
        for (int i = 0; i < n; i++) assertThat(ax[i] - b[i]).as("row %d", i).isCloseTo(g[i], within(1e-12 * (1 + Math.abs(g[i]))));
    }

    @ParameterizedTest @MethodSource("seeds")
    void diagonalGradientAndHessianMatchFiniteDifferences(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(7);
        var spec = new QuadraticSpec(null, Derivatives.randomPoint(random, n, 5), Derivatives.randomPoint(random, n, 3), -2.0);
        assertThat(violations(spec)).isEmpty();
        Problem p = spec.create();
        double[] x = Derivatives.randomPoint(random, n, 2);
        Derivatives.assertGradientMatches(p, x);
        Derivatives.assertHessianMatches(p, x);
    }

    @Test
    void valueIsHalfXAXMinusBXPlusC() {
        var p = new QuadraticSpec(new double[][] {{2, 1}, {1, 4}}, null, new double[] {1, -1}, 3.0).create();
        // ½(2·1 + 2·1·2 + 4·4) − (1 − 2) + 3 = ½·22 + 1 + 3
        assertThat(p.value(new double[] {1, 2})).isEqualTo(15.0);
        var d = new QuadraticSpec(null, new double[] {2, 4}, new double[] {1, -1}, 3.0).create();
        assertThat(d.value(new double[] {1, 2})).isEqualTo(0.5 * (2 + 16) + 1 + 3);
    }

    @ParameterizedTest @MethodSource("seeds")
    void gradientVanishesAtTheSolutionOfAxEqualsB(long seed) {
        Random random = new Random(seed);
        int n = 2 + random.nextInt(6);
        double[][] a = positiveDefinite(random, n);
        double[] b = Derivatives.randomPoint(random, n, 3);
        double c = 0.25;
        DMatrixRMaj solution = new DMatrixRMaj(n, 1);
        assertThat(CommonOps_DDRM.solve(new DMatrixRMaj(a), new DMatrixRMaj(n, 1, true, b), solution)).isTrue();
        double[] xStar = solution.data;
        Problem p = new QuadraticSpec(a, null, b, c).create();
        double[] g = new double[n];
        double f = p.valueAndGradient(xStar, g);
        for (double gi : g) assertThat(gi).isCloseTo(0, within(1e-10));
        double bx = 0;
        for (int i = 0; i < n; i++) bx += b[i] * xStar[i];
        assertThat(f).isCloseTo(c - 0.5 * bx, within(1e-10 * (1 + Math.abs(bx))));
        // A minimum: any nearby point is higher.
        double[] y = xStar.clone();
        y[0] += 1e-3;
        assertThat(p.value(y)).isGreaterThan(f);
    }

    @Test
    void bDefaultsToZerosAndCToZero() {
        var spec = new QuadraticSpec(null, new double[] {1, 1}, null, null);
        assertThat(spec.c()).isEqualTo(0.0);
        double[] g = new double[2];
        assertThat(spec.create().valueAndGradient(new double[] {0, 0}, g)).isEqualTo(0.0);
        assertThat(g).containsExactly(0, 0);
        assertThat(spec.quadratic()).isTrue();
        assertThat(spec.dimension()).isEqualTo(2);
    }

    @Test
    void missingMatrixAndDiagonalIsReportedOnA() {
        assertThat(fields(new QuadraticSpec(null, null, new double[] {1}, null))).containsExactly("a");
    }

    @Test
    void bothMatrixAndDiagonalIsReportedOnDiagonal() {
        assertThat(fields(new QuadraticSpec(new double[][] {{1}}, new double[] {1}, null, null))).containsExactly("diagonal");
    }

    @Test
    void raggedRowsAreReportedByIndex() {
        var spec = new QuadraticSpec(new double[][] {{1, 0, 0}, {0, 1}, {0, 0, 1}, {1, 1, 1, 1}}, null, null, null);
        var found = violations(spec);
        assertThat(found).extracting(FieldViolation::field).containsExactly("a[1]", "a[3]");
        assertThat(found.get(0).message()).isEqualTo("row 1 has 2 entries; expected 3");
    }

    @Test
    void nonSquareMatrixIsReported() {
        assertThat(fields(new QuadraticSpec(new double[][] {{1, 0, 0}, {0, 1, 0}}, null, null, null))).containsExactly("a");
    }

    @Test
    void emptyMatrixOrDiagonalIsReported() {
        assertThat(fields(new QuadraticSpec(new double[0][], null, null, null))).containsExactly("a");
        assertThat(fields(new QuadraticSpec(new double[][] {{}}, null, null, null))).containsExactly("a[0]");
        assertThat(fields(new QuadraticSpec(null, new double[0], null, null))).containsExactly("diagonal");
    }

    @Test
    void asymmetricMatrixIsReportedAtTheFirstOffendingEntry() {
        var spec = new QuadraticSpec(new double[][] {{1, 2, 3}, {2, 1, 0}, {3, 5, 1}}, null, null, null);
        assertThat(fields(spec)).containsExactly("a[2][1]");
    }

    @Test
    void asymmetryWithinRelativeRoundingIsAccepted() {
        double big = 1e6;
        // Tolerance 1e-12·max|a| = 1e-6 here.
        var spec = new QuadraticSpec(new double[][] {{big, 1}, {1 + 1e-7, big}}, null, null, null);
        assertThat(violations(spec)).isEmpty();
        var beyond = new QuadraticSpec(new double[][] {{big, 1}, {1 + 1e-5, big}}, null, null, null);
        assertThat(fields(beyond)).containsExactly("a[1][0]");
    }

    @Test
    void linearTermOfTheWrongLengthIsReported() {
        var dense = violations(new QuadraticSpec(new double[][] {{1, 0}, {0, 1}}, null, new double[] {1, 2, 3}, null));
        assertThat(dense).extracting(FieldViolation::field).containsExactly("b");
        assertThat(dense.get(0).message()).contains("3 entries").contains("2");
        assertThat(fields(new QuadraticSpec(null, new double[] {1, 2}, new double[] {1}, null))).containsExactly("b");
    }

    @Test
    void dimensionAboveTheLimitIsReported() {
        var spec = new QuadraticSpec(null, new double[] {1, 2, 3}, null, null);
        assertThat(violations(spec, CheckResults.maxDimension(2))).extracting(FieldViolation::field).containsExactly("diagonal");
        assertThat(violations(spec, CheckResults.maxDimension(3))).isEmpty();
    }

    @Test
    void jsonWithTypeQuadraticBuildsTheSpecWithDefaults() throws Exception {
        var spec = JsonMapper.builder().build().readValue(
                "{\"type\":\"quadratic\",\"a\":[[2,0],[0,2]],\"b\":[1,1]}", ProblemSpec.class);
        assertThat(spec).isInstanceOf(QuadraticSpec.class);
        assertThat(((QuadraticSpec) spec).c()).isEqualTo(0.0);
        assertThat(spec.dimension()).isEqualTo(2);
    }
}
