package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.linalg.Vectors;
import dev.descent.problem.FunctionSpec;
import dev.descent.problem.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GradientDescentLineSearchTest {
    private static final double C1 = 1e-4, C2 = 0.9;

    private static GradientDescentLineSearch create(String lineSearch, Problem problem) {
        return (GradientDescentLineSearch) new GradientDescentLineSearchSpec(null, lineSearch, C1, C2, null)
                .create(problem, k -> 1.0, 0);
    }

    @Test
    void exactLineSearchOnAQuadraticTakesTheClosedFormStep() {
        double[][] a = SolverFixtures.spd(6, 50, 11);
        Problem quadratic = SolverFixtures.quadratic(a, SolverFixtures.gaussian(6, 12));
        Iterate it = TestProblems.start(quadratic, SolverFixtures.gaussian(6, 13));
        double[] x0 = it.x().clone(), g = it.g().clone();
        double gg = 0, gag = 0;
        for (int i = 0; i < 6; i++) {
            gg += g[i] * g[i];
            for (int j = 0; j < 6; j++) gag += g[i] * a[i][j] * g[j];
        }
        double alpha = gg / gag;

        assertThat(create("exact", quadratic).step(it, 1)).isNull();

        for (int i = 0; i < 6; i++) assertThat(it.x()[i]).isCloseTo(x0[i] - alpha * g[i], within(1e-14));
        // The exact minimiser along −g leaves the new gradient orthogonal to the old one.
        assertThat(Vectors.dot(it.g(), g)).isCloseTo(0, within(1e-12 * gg));
        assertThat(it.functionEvaluations()).isEqualTo(2);
    }

    @Test
    void armijoAcceptsOnlyStepsWithSufficientDecrease() {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        GradientDescentLineSearch gd = create("armijo", rosenbrock);
        Iterate it = TestProblems.start(rosenbrock, new double[] {-1.2, 1});
        boolean backtracked = false;
        for (int k = 1; k <= 200; k++) {
            double f = it.f(), gg = Vectors.dot(it.g(), it.g());
            long before = it.functionEvaluations();
            assertThat(gd.step(it, k)).isNull();
            double alpha = gd.lastStep();
            assertThat(alpha).isPositive();
            assertThat(it.f()).as("step %d", k).isLessThanOrEqualTo(f - C1 * alpha * gg);
            // Backtracking by ½ from 1: the accepted step is 2^−j, and 2α was rejected unless α = 1.
            assertThat(Math.getExponent(alpha)).isEqualTo(-(it.functionEvaluations() - before - 1));
            backtracked |= alpha < 1;
        }
        assertThat(backtracked).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wolfe", "strong-wolfe"})
    void wolfeSearchesAcceptOnlyStepsMeetingBothWolfeConditions(String lineSearch) {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        GradientDescentLineSearch gd = create(lineSearch, rosenbrock);
        Iterate it = TestProblems.start(rosenbrock, new double[] {-1.2, 1});
        double[] previousG = new double[2];
        for (int k = 1; k <= 200; k++) {
            double f = it.f();
            System.arraycopy(it.g(), 0, previousG, 0, 2);
            double gtd = -Vectors.dot(previousG, previousG);   // d = −g
            assertThat(gd.step(it, k)).isNull();
            double alpha = gd.lastStep(), newGtd = -Vectors.dot(it.g(), previousG);
            assertThat(it.f()).as("sufficient decrease at step %d", k).isLessThanOrEqualTo(f + C1 * alpha * gtd);
            assertThat(newGtd).as("curvature at step %d", k).isGreaterThanOrEqualTo(C2 * gtd);
            if (lineSearch.equals("strong-wolfe")) {
                assertThat(Math.abs(newGtd)).as("strong curvature at step %d", k).isLessThanOrEqualTo(-C2 * gtd);
            }
        }
    }

    @Test
    void weakWolfeExpandsPastAStepThatIsTooShort() {
        // f = ½x² from 1 along −1 with a first trial of 1/64: the slope there is still −63/64 < 0.9·(−1),
        // so the search doubles until the slope is at least −0.9: t = 1/8 (slope −7/8).
        Problem half = TestProblems.quadratic(new double[][] {{1}}, new double[] {0});
        Iterate it = TestProblems.start(half, new double[] {1});
        WeakWolfeSearch search = new WeakWolfeSearch(1, C1, C2);
        double[] gNew = new double[1];
        double t = search.search(it, new double[] {1}, 1.0 / 64, new double[] {-1}, 0.5, new double[] {1}, -1, gNew);
        assertThat(t).isEqualTo(0.125);
        assertThat(gNew[0]).isEqualTo(0.875);
        assertThat(search.value()).isEqualTo(0.5 * 0.875 * 0.875);
    }

    @Test
    void haltsWhenNoStepDecreasesF() {
        // A "gradient" that points uphill: no step along −g lowers f.
        Problem wrong = new Problem() {
            public int dimension() {
                return 1;
            }

            public double value(double[] x) {
                return x[0] * x[0];
            }

            public double valueAndGradient(double[] x, double[] g) {
                g[0] = -2 * x[0];
                return value(x);
            }
        };
        Iterate it = TestProblems.start(wrong, new double[] {1});
        Halt halt = create("armijo", wrong).step(it, 1);
        assertThat(halt).isNotNull();
        assertThat(halt.message()).contains("no acceptable step");
        assertThat(it.functionEvaluations()).isEqualTo(1 + ArmijoSearch.MAX_REDUCTIONS + 1);
    }
}
