package dev.descent.problem;

import static dev.descent.problem.CheckResults.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.spec.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TestFunctionTest {

    /** Every function, in its default dimension and (where it may) a larger one, at seeded points. */
    static List<Arguments> functionsAtRandomPoints() {
        List<Arguments> cases = new ArrayList<>();
        for (TestFunction f : TestFunction.values()) {
            for (int n : f.dimensionProblem(5) == null ? new int[] {2, 5} : new int[] {2}) {
                for (long seed = 1; seed <= 4; seed++) {
                    cases.add(Arguments.of(f.id(), n, Derivatives.randomPoint(new Random(seed * 31 + n), n, 2)));
                }
            }
        }
        return cases;
    }

    static Problem function(String name, Integer dimension) {
        var spec = new FunctionSpec(name, dimension);
        assertThat(violations(spec)).isEmpty();
        return spec.create();
    }

    @ParameterizedTest(name = "{0} in {1}-D") @MethodSource("functionsAtRandomPoints")
    void gradientMatchesFiniteDifferences(String name, int n, double[] x) {
        Derivatives.assertGradientMatches(function(name, n), x);
    }

    @ParameterizedTest(name = "{0} in {1}-D") @MethodSource("functionsAtRandomPoints")
    void hessianMatchesFiniteDifferencesOfTheGradient(String name, int n, double[] x) {
        Derivatives.assertHessianMatches(function(name, n), x);
    }

    static void assertMinimum(Problem p, double[] x, double value, double tolerance) {
        double[] g = new double[p.dimension()];
        assertThat(p.valueAndGradient(x, g)).isCloseTo(value, within(tolerance));
        for (double gi : g) assertThat(gi).isCloseTo(0, within(Math.sqrt(tolerance)));
    }

    @Test
    void rosenbrockIsZeroWithZeroGradientAtAllOnes() {
        for (int n : new int[] {2, 3, 10}) {
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1);
            Problem p = function("rosenbrock", n);
            double[] g = new double[n];
            assertThat(p.valueAndGradient(ones, g)).isEqualTo(0.0);
            assertThat(g).containsOnly(0.0);
        }
    }

    @Test
    void rosenbrockValueAtTheClassicStartIs24Point2() {
        Problem p = function("rosenbrock", null);
        assertThat(p.defaultStart()).containsExactly(-1.2, 1.0);
        assertThat(p.value(p.defaultStart())).isCloseTo(24.2, within(1e-12));
        assertThat(function("rosenbrock", 5).defaultStart()).containsExactly(-1.2, 1, -1.2, 1, -1.2);
    }

    @Test
    void himmelblauIsZeroAtItsFourMinima() {
        Problem p = function("himmelblau", 2);
        assertMinimum(p, new double[] {3, 2}, 0, 1e-24);
        assertMinimum(p, new double[] {-2.805118086952745, 3.131312518250573}, 0, 1e-20);
        assertMinimum(p, new double[] {-3.779310253377747, -3.283185991286170}, 0, 1e-20);
        assertMinimum(p, new double[] {3.584428340330492, -1.848126526964404}, 0, 1e-20);
    }

    @Test
    void bealeIsZeroAtThreeOneHalf() {
        assertMinimum(function("beale", 2), new double[] {3, 0.5}, 0, 1e-24);
    }

    @Test
    void sphereIsZeroAtTheOriginAndStartsAtOnes() {
        Problem p = function("sphere", 4);
        assertMinimum(p, new double[4], 0, 0);
        assertThat(p.defaultStart()).containsExactly(1, 1, 1, 1);
        assertThat(p.value(p.defaultStart())).isEqualTo(4.0);
    }

    @Test
    void saddleIsIndefiniteAtTheOrigin() {
        Problem p = function("saddle", 2);
        double[] h = new double[4];
        p.hessian(new double[2], h);
        assertThat(h).containsExactly(2, 0, 0, -2);
        assertThat(p.value(new double[] {1, 2})).isEqualTo(-3.0);
    }

    @Test
    void twoMinimaHasADeeperMinimumLeftThanRight() {
        Problem p = function("two-minima", 2);
        // Stationary points near (±1, 0); the left well is the deeper one.
        double left = minimiseAlongX(p, -1.5, -0.5), right = minimiseAlongX(p, 0.5, 1.5);
        assertThat(p.value(new double[] {left, 0})).isLessThan(p.value(new double[] {right, 0}) - 3);
        double[] start = p.defaultStart();
        assertThat(start[0]).isGreaterThan(0);  // starts on the shallow side
    }

    @Test
    void gradientDescentFromTheTwoMinimaDefaultStartSettlesInTheShallowMinimum() {
        Problem p = function("two-minima", 2);
        double[] x = p.defaultStart(), g = new double[2];
        for (int t = 0; t < 20_000; t++) {
            p.valueAndGradient(x, g);
            x[0] -= 0.01 * g[0];
            x[1] -= 0.01 * g[1];
        }
        assertThat(x[0]).isCloseTo(1, within(0.2));
        assertThat(x[1]).isCloseTo(0, within(1e-6));
        assertThat(p.value(x)).isGreaterThan(p.value(new double[] {-1, 0}));
    }

    private static double minimiseAlongX(Problem p, double lo, double hi) {
        double best = lo, bestValue = Double.POSITIVE_INFINITY;
        for (double x = lo; x <= hi; x += 1e-4) {
            double v = p.value(new double[] {x, 0});
            if (v < bestValue) {
                bestValue = v;
                best = x;
            }
        }
        return best;
    }

    @ParameterizedTest @EnumSource(TestFunction.class)
    void defaultStartHasTheDimensionAndAFiniteValue(TestFunction f) {
        Problem p = function(f.id(), null);
        assertThat(p.dimension()).isEqualTo(2);
        assertThat(p.defaultStart()).hasSize(2);
        assertThat(Double.isFinite(p.value(p.defaultStart()))).isTrue();
    }

    @Test
    void dimensionDefaultsToTwo() {
        assertThat(new FunctionSpec("sphere", null).dimension()).isEqualTo(2);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        var found = violations(new FunctionSpec("rastrigin", 2));
        assertThat(found).extracting(FieldViolation::field).containsExactly("name");
        assertThat(found.get(0).message()).contains("rastrigin", "rosenbrock", "saddle", "two-minima", "himmelblau", "beale", "sphere");
        assertThat(violations(new FunctionSpec(null, 2))).extracting(FieldViolation::field).containsExactly("name");
    }

    @Test
    void twoDimensionalFunctionsRejectOtherDimensions() {
        for (String name : List.of("himmelblau", "beale", "saddle", "two-minima")) {
            var found = violations(new FunctionSpec(name, 3));
            assertThat(found).extracting(FieldViolation::field).containsExactly("dimension");
            assertThat(found.get(0).message()).contains(name, "2");
        }
    }

    @Test
    void rosenbrockNeedsTwoDimensionsAndSphereOne() {
        assertThat(violations(new FunctionSpec("rosenbrock", 1))).extracting(FieldViolation::field).containsExactly("dimension");
        assertThat(violations(new FunctionSpec("sphere", 0))).extracting(FieldViolation::field).containsExactly("dimension");
        assertThat(violations(new FunctionSpec("sphere", -3))).extracting(FieldViolation::field).containsExactly("dimension");
        assertThat(violations(new FunctionSpec("sphere", 1))).isEmpty();
    }

    @Test
    void dimensionAboveTheLimitIsReported() {
        var spec = new FunctionSpec("sphere", 11);
        assertThat(violations(spec, CheckResults.maxDimension(10))).extracting(FieldViolation::field).containsExactly("dimension");
    }
}
