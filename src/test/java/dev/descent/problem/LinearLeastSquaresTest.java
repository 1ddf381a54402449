package dev.descent.problem;

import static dev.descent.problem.CheckResults.fields;
import static dev.descent.problem.CheckResults.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.spec.FieldViolation;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LinearLeastSquaresTest {

    static Stream<Long> seeds() {
        return LongStream.range(1, 6).boxed();
    }

    static LinearLeastSquaresSpec random(long seed, double ridge) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(5), m = n + random.nextInt(8);
        return new LinearLeastSquaresSpec(Derivatives.randomMatrix(random, m, n), Derivatives.randomPoint(random, m, 4), ridge);
    }

    @ParameterizedTest @MethodSource("seeds")
    void gradientAndHessianMatchFiniteDifferences(long seed) {
        for (double ridge : new double[] {0, 0.7}) {
            var spec = random(seed, ridge);
            assertThat(violations(spec)).isEmpty();
            Problem p = spec.create();
            double[] x = Derivatives.randomPoint(new Random(-seed), spec.dimension(), 2);
            Derivatives.assertGradientMatches(p, x);
            Derivatives.assertHessianMatches(p, x);
        }
    }

    @Test
    void valueIsHalfTheResidualSumOfSquaresPlusHalfRidge() {
        var p = new LinearLeastSquaresSpec(new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {1, 2, 4}, 2.0).create();
        // r = (0, −1, −2) at x = (1, 1): ½·5 + ½·2·2
        assertThat(p.value(new double[] {1, 1})).isEqualTo(4.5);
    }

    @ParameterizedTest @MethodSource("seeds")
    void gradientVanishesAtTheLeastSquaresSolution(long seed) {
        var spec = random(seed, 0.0);
        int m = spec.a().length, n = spec.dimension();
        DMatrixRMaj solution = new DMatrixRMaj(n, 1);
        assertThat(CommonOps_DDRM.solve(new DMatrixRMaj(spec.a()), new DMatrixRMaj(m, 1, true, spec.b()), solution)).isTrue();
        double[] g = new double[n];
        spec.create().valueAndGradient(solution.data, g);
        for (double gi : g) assertThat(gi).isCloseTo(0, within(1e-10));
    }

    @Test
    void hessianIsAtAPlusRidgeEvenWhenTheGramMatrixIsNotStored() {
        Random random = new Random(7);
        int n = LinearLeastSquares.STORED_GRAM_MAX_DIMENSION + 1, m = n + 2;
        var spec = new LinearLeastSquaresSpec(Derivatives.randomMatrix(random, m, n), new double[m], 0.5);
        double[] h = new double[n * n];
        spec.create().hessian(new double[n], h);
        double[][] a = spec.a();
        for (int[] ij : new int[][] {{0, 0}, {3, 7}, {n - 1, 2}, {n - 1, n - 1}}) {
            double expected = ij[0] == ij[1] ? 0.5 : 0;
            for (int r = 0; r < m; r++) expected += a[r][ij[0]] * a[r][ij[1]];
            assertThat(h[ij[0] * n + ij[1]]).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void describeGivesTextbookStandardErrorsOfALineFit() {
        // y = α + βt fitted to five points; the textbook formulas (e.g. Montgomery & Runger, 11-4):
        // s² = RSS/(m − 2), se(β) = √(s²/Sₜₜ), se(α) = √(s²(1/m + t̄²/Sₜₜ)).
        double[] t = {1, 2, 3, 4, 5}, y = {2.1, 3.9, 6.2, 7.8, 10.1};
        int m = t.length;
        double tBar = 3, yBar = 0;
        for (double v : y) yBar += v / m;
        double stt = 0, sty = 0;
        for (int i = 0; i < m; i++) {
            stt += (t[i] - tBar) * (t[i] - tBar);
            sty += (t[i] - tBar) * (y[i] - yBar);
        }
        double beta = sty / stt, alpha = yBar - beta * tBar;
        double rss = 0, tss = 0;
        for (int i = 0; i < m; i++) {
            double r = y[i] - alpha - beta * t[i];
            rss += r * r;
            tss += (y[i] - yBar) * (y[i] - yBar);
        }
        double s2 = rss / (m - 2);

        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) a[i] = new double[] {1, t[i]};
        Map<String, Object> described = new LinearLeastSquaresSpec(a, y, null).create().describe(new double[] {alpha, beta});

        assertThat(described).containsOnlyKeys("residualSumOfSquares", "parameterStandardErrors", "rSquared");
        assertThat((double) described.get("residualSumOfSquares")).isCloseTo(rss, within(1e-12));
        double[] errors = (double[]) described.get("parameterStandardErrors");
        assertThat(errors[0]).isCloseTo(Math.sqrt(s2 * (1.0 / m + tBar * tBar / stt)), within(1e-12));
        assertThat(errors[1]).isCloseTo(Math.sqrt(s2 / stt), within(1e-12));
        assertThat((double) described.get("rSquared")).isCloseTo(1 - rss / tss, within(1e-12));
    }

    @Test
    void describeOmitsStandardErrorsWithoutSpareDegreesOfFreedom() {
        var p = new LinearLeastSquaresSpec(new double[][] {{1, 0}, {0, 1}}, new double[] {1, 2}, null).create();
        assertThat(p.describe(new double[] {1, 2})).containsKey("residualSumOfSquares").doesNotContainKey("parameterStandardErrors");
    }

    @Test
    void describeOmitsStandardErrorsForASingularDesign() {
        // Two identical columns: AᵀA is singular.
        var p = new LinearLeastSquaresSpec(new double[][] {{1, 1}, {2, 2}, {3, 3}}, new double[] {1, 2, 4}, null).create();
        assertThat(p.describe(new double[] {0.5, 0.5})).doesNotContainKey("parameterStandardErrors");
        // A ridge makes it invertible again.
        var ridged = new LinearLeastSquaresSpec(new double[][] {{1, 1}, {2, 2}, {3, 3}}, new double[] {1, 2, 4}, 1.0).create();
        assertThat(ridged.describe(new double[] {0.5, 0.5})).containsKey("parameterStandardErrors");
    }

    @Test
    void missingFieldsAreReported() {
        assertThat(fields(new LinearLeastSquaresSpec(null, null, null))).containsExactly("a", "b");
    }

    @Test
    void raggedRowsAndMismatchedObservationsAreReported() {
        var found = violations(new LinearLeastSquaresSpec(new double[][] {{1, 2}, {3}, {4, 5}, {6, 7}}, new double[] {1, 2, 3}, null));
        assertThat(found).extracting(FieldViolation::field).containsExactly("a[1]", "b");
        assertThat(found.get(1).message()).isEqualTo("has 3 entries; a has 4 rows");
    }

    @Test
    void dimensionAboveTheLimitIsReported() {
        var spec = new LinearLeastSquaresSpec(new double[][] {{1, 2, 3}}, new double[] {1}, null);
        assertThat(violations(spec, CheckResults.maxDimension(2))).extracting(FieldViolation::field).containsExactly("a");
    }

    @Test
    void ridgeDefaultsToZeroAndTheObjectiveIsQuadratic() {
        var spec = new LinearLeastSquaresSpec(new double[][] {{1}}, new double[] {1}, null);
        assertThat(spec.ridge()).isEqualTo(0.0);
        assertThat(spec.quadratic()).isTrue();
    }
}
