package dev.descent.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.problem.ExpressionSpec;
import dev.descent.problem.FunctionSpec;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.QuadraticSpec;
import dev.descent.spec.FieldViolation;
import dev.descent.spec.InvalidRequestException;
import dev.descent.spec.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemAnalysisTest {
    final ProblemAnalysis tools = new ProblemAnalysis(new dev.descent.problem.Problems(Limits.defaults()));

    @Test
    void aDenseQuadraticGetsItsEigenvaluesConditionStepsAndMomentum() {
        // A = [[2, 1], [1, 2]]: eigenvalues 1 and 3.
        var spec = new QuadraticSpec(new double[][] {{2, 1}, {1, 2}}, null, new double[] {1, 1}, null);
        Analysis a = tools.analyze(spec, new double[] {0, 0});
        assertThat(a.minEigenvalue()).isCloseTo(1, within(1e-12));
        assertThat(a.maxEigenvalue()).isCloseTo(3, within(1e-12));
        assertThat(a.conditionNumber()).isCloseTo(3, within(1e-12));
        assertThat(a.lipschitzConstant()).isCloseTo(3, within(1e-12));
        assertThat(a.bestStep()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(a.maxStableStep()).isCloseTo(2.0 / 3, within(1e-12));
        // Polyak: ((√3 − 1)/(√3 + 1))² = (2 − √3)² ≈ 0.0718, step 4/(√3 + 1)².
        assertThat(a.optimalMomentum()).isCloseTo(Math.pow(2 - Math.sqrt(3), 2), within(1e-12));
        assertThat(a.optimalMomentumStep()).isCloseTo(4 / Math.pow(Math.sqrt(3) + 1, 2), within(1e-12));
        assertThat(a.convex()).isTrue();
        assertThat(a.stronglyConvex()).isTrue();
        assertThat(a.gradient()).containsExactly(-1, -1);
        assertThat(a.value()).isEqualTo(0);
        assertThat(a.hessian()).isDeepEqualTo(new double[][] {{2, 1}, {1, 2}});
        assertThat(a.method()).contains("EJML");
    }

    @Test
    void anIndefiniteQuadraticIsNotConvexAndHasNoStep() {
        Analysis a = tools.analyze(new QuadraticSpec(null, new double[] {-2, 5}, null, null), new double[] {1, 1});
        assertThat(a.convex()).isFalse();
        assertThat(a.locallyConvex()).isFalse();
        assertThat(a.minEigenvalue()).isCloseTo(-2, within(1e-12));
        assertThat(a.conditionNumber()).isNull();
        assertThat(a.optimalMomentum()).isNull();
        assertThat(a.bestStep()).isCloseTo(0.2, within(1e-12));
        assertThat(a.notes()).anyMatch(n -> n.startsWith("conditionNumber"));
    }

    @Test
    void rosenbrockAtTheStandardStartIsLocallyConvexButUndecidedGlobally() {
        var spec = new ExpressionSpec("(1-x)^2 + 100*(y-x^2)^2", List.of("x", "y"));
        Analysis a = tools.analyze(spec, new double[] {-1.2, 1});
        // H = [[1200x² − 400y + 2, −400x], [−400x, 200]] = [[1330, 480], [480, 200]].
        assertThat(a.hessian()[0]).containsExactly(new double[] {1330, 480}, within(1e-9));
        double tr = 1530, det = 1330 * 200 - 480 * 480;
        double max = tr / 2 + Math.sqrt(tr * tr / 4 - det), min = tr / 2 - Math.sqrt(tr * tr / 4 - det);
        assertThat(a.maxEigenvalue()).isCloseTo(max, within(1e-9));
        assertThat(a.minEigenvalue()).isCloseTo(min, within(1e-9));
        assertThat(a.convex()).isNull();
        assertThat(a.locallyConvex()).isTrue();
        assertThat(a.optimalMomentum()).isNull();
    }

    @Test
    void logisticRegressionIsConvexAndStronglySoWithAnL2Penalty() {
        var plain = new LogisticRegressionSpec(new double[][] {{0}, {1}, {2}, {3}}, List.of(0, 1, 0, 1), null, null, null, null);
        var ridge = new LogisticRegressionSpec(new double[][] {{0}, {1}, {2}, {3}}, List.of(0, 1, 0, 1), 0.1, null, null, null);
        assertThat(tools.analyze(plain, new double[] {0, 0}).convex()).isTrue();
        assertThat(tools.analyze(plain, new double[] {0, 0}).stronglyConvex()).isNull();
        assertThat(tools.analyze(ridge, new double[] {0, 0}).stronglyConvex()).isTrue();
    }

    @Test
    void aboveTheDenseLimitPowerIterationFindsBothEndsOfTheSpectrum() {
        int n = ProblemAnalysis.MAX_DENSE_DIMENSION + 1;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = i == 0 ? 0.5 : i == 1 ? 8 : 2;
        Analysis a = tools.analyze(new QuadraticSpec(null, d, null, null), new double[n]);
        assertThat(a.method()).contains("power iteration");
        assertThat(a.hessian()).isNull();
        assertThat(a.maxEigenvalue()).isCloseTo(8, within(1e-6));
        assertThat(a.minEigenvalue()).isCloseTo(0.5, within(1e-6));
        assertThat(a.conditionNumber()).isCloseTo(16, within(1e-4));
    }

    @Test
    void gradientCheckPassesForCorrectGradientsAndReportsEachCoordinate() {
        GradientCheck c = tools.gradientCheck(new FunctionSpec("rosenbrock", 4), new double[] {-1.2, 1, 0.3, 2});
        assertThat(c.ok()).isTrue();
        assertThat(c.maxRelativeError()).isLessThan(1e-8);
        assertThat(c.relativeError()).hasSize(4);
        assertThat(c.numeric()).containsExactly(c.analytic(), within(1e-5));
        assertThat(c.step()[3]).isCloseTo(Math.cbrt(Math.ulp(1.0)) * 2, within(1e-12));
    }

    @Test
    void gradientCheckFlagsAPointNextToAKink() {
        // |x| at 1e-9: the derivative is 1, but the centered difference straddles the kink and sees ≈ 1.7e-4.
        var spec = new ExpressionSpec("abs(x)", List.of("x"));
        GradientCheck c = tools.gradientCheck(spec, new double[] {1e-9});
        assertThat(c.ok()).isFalse();
        assertThat(c.worstCoordinate()).isZero();
    }

    @Test
    void invalidProblemsPointsAndNonFiniteValuesAreFieldViolations() {
        assertThat(violations(() -> tools.analyze(new ExpressionSpec("x +", List.of("x")), new double[] {1})))
                .containsExactly(new FieldViolation("problem.objective", "unexpected end of the expression at column 4"));
        assertThat(violations(() -> tools.analyze(new ExpressionSpec("x", List.of("x")), new double[] {1, 2})))
                .containsExactly(new FieldViolation("point", "has 2 entries; the problem has 1 variables"));
        assertThat(violations(() -> tools.analyze(new ExpressionSpec("log(x)", List.of("x")), new double[] {-1})))
                .extracting(FieldViolation::field).containsExactly("point");
        assertThat(violations(() -> tools.gradientCheck(new ExpressionSpec("1/x", List.of("x")), new double[] {0})))
                .extracting(FieldViolation::field).containsExactly("point");
        assertThat(violations(() -> tools.gradientCheck(new ExpressionSpec("sqrt(x)", List.of("x")), new double[] {0})))
                .extracting(FieldViolation::field).containsExactly("point");
    }

    static List<FieldViolation> violations(Runnable r) {
        try {
            r.run();
        } catch (InvalidRequestException e) {
            return e.violations();
        }
        throw new AssertionError("no InvalidRequestException");
    }
}
