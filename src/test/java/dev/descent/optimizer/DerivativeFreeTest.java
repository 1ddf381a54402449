package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.engine.RunOutcome;
import dev.descent.problem.FunctionSpec;
import dev.descent.problem.Problem;
import dev.descent.stopping.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DerivativeFreeTest {
    private static final double[] START = {-1.2, 1};

    @Test
    void nelderMeadReachesRosenbrocksMinimumTo1e6() {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        Optimizer nm = new NelderMeadSpec(null, null, null, null).create(rosenbrock, k -> 1.0, 0);
        Iterate it = TestProblems.start(rosenbrock, START);
        Halt halt = null;
        int k = 0;
        while (halt == null && k < 2000) halt = nm.step(it, ++k);
        assertThat(halt).as("collapsed simplex").isNotNull();
        assertThat(halt.reason()).isEqualTo(StopReason.STEP_TOLERANCE);
        assertThat(SolverFixtures.distanceToOnes(it.x())).isLessThanOrEqualTo(1e-6);
        // The iterate reports the best vertex with its own f and ∇f.
        double[] g = new double[2];
        assertThat(it.f()).isEqualTo(rosenbrock.valueAndGradient(it.x(), g));
        assertThat(it.g()).containsExactly(g);
    }

    @Test
    void nelderMeadNeverWorsensTheReportedPointAndBuildsScipysInitialSimplex() {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        Optimizer nm = new NelderMeadSpec(null, null, null, null).create(rosenbrock, k -> 1.0, 0);
        List<double[]> evaluated = new ArrayList<>();
        Problem recorded = new Problem() {
            public int dimension() {
                return 2;
            }

            public double value(double[] x) {
                evaluated.add(x.clone());
                return rosenbrock.value(x);
            }

            public double valueAndGradient(double[] x, double[] g) {
                return rosenbrock.valueAndGradient(x, g);
            }
        };
        Iterate it = TestProblems.start(recorded, new double[] {-1.2, 0});
        double f = it.f();
        nm.step(it, 1);
        // SciPy: x₀ with each coordinate × 1.05, or 0.00025 where it is 0.
        assertThat(evaluated.get(0)).containsExactly(-1.26, 0);
        assertThat(evaluated.get(1)).containsExactly(-1.2, 0.00025);
        for (int k = 2; k <= 100; k++) {
            assertThat(it.f()).isLessThanOrEqualTo(f);
            f = it.f();
            nm.step(it, k);
        }
    }

    @Test
    void adaptiveNelderMeadSolvesATenDimensionalRosenbrockBetterThanStandard() {
        // Gao & Han's point: the standard coefficients stall in higher dimensions.
        Problem rosenbrock = new FunctionSpec("rosenbrock", 10).create();
        double[] start = new double[10];
        java.util.Arrays.fill(start, 0.5);
        double[] best = new double[2];
        boolean[] adaptive = {false, true};
        for (int a = 0; a < 2; a++) {
            Optimizer nm = new NelderMeadSpec(null, null, null, adaptive[a]).create(rosenbrock, k -> 1.0, 0);
            Iterate it = TestProblems.start(rosenbrock, start);
            for (int k = 1; k <= 4000 && nm.step(it, k) == null; k++) { }
            best[a] = it.f();
        }
        assertThat(best[1]).isLessThan(best[0]);
        assertThat(best[1]).isLessThan(1e-6);
    }

    @Test
    void randomSearchIsDeterministicForASeedAndDecreasesFMonotonically() {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        double[][] first = trajectory(rosenbrock, 42, 300), again = trajectory(rosenbrock, 42, 300),
                other = trajectory(rosenbrock, 43, 300);
        for (int k = 0; k <= 300; k++) assertThat(again[k]).containsExactly(first[k]);
        assertThat(other[300]).isNotEqualTo(first[300]);
        for (int k = 1; k <= 300; k++) {
            assertThat(rosenbrock.value(first[k])).isLessThanOrEqualTo(rosenbrock.value(first[k - 1]));
        }
        assertThat(rosenbrock.value(first[300])).isLessThan(rosenbrock.value(START) / 2);
    }

    @Test
    void randomSearchProposesPointsAtExactlyTheScheduledRadius() {
        Problem sphere = new FunctionSpec("sphere", 3).create();
        Optimizer rs = new RandomSearchSpec(0.25, 4, null).create(sphere, k -> 0.25, 7);
        List<double[]> proposals = new ArrayList<>();
        Problem recorded = new Problem() {
            public int dimension() {
                return 3;
            }

            public double value(double[] x) {
                proposals.add(x.clone());
                return sphere.value(x);
            }

            public double valueAndGradient(double[] x, double[] g) {
                return sphere.valueAndGradient(x, g);
            }
        };
        Iterate it = TestProblems.start(recorded, new double[] {1, 2, 3});
        rs.step(it, 1);
        assertThat(proposals).hasSize(4);
        for (double[] p : proposals) {
            double r = Math.sqrt(Math.pow(p[0] - 1, 2) + Math.pow(p[1] - 2, 2) + Math.pow(p[2] - 3, 2));
            assertThat(r).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-15));
        }
        assertThat(it.gradientEvaluations()).as("gradients only at accepted points").isLessThanOrEqualTo(2);
    }

    @Test
    void randomSearchWithShrinkingRadiusHaltsWhenTheRadiusNoLongerMovesX() {
        Problem sphere = new FunctionSpec("sphere", 2).create();
        Optimizer rs = new RandomSearchSpec(0.1, null, 0.5).create(sphere, k -> 0.1, 1);
        RunOutcome out = SolverFixtures.run(sphere, rs, k -> 0.1, 0, 100_000, new double[] {1, 1});
        assertThat(out.stopReason()).isEqualTo(StopReason.STEP_TOLERANCE);
        assertThat(out.loss()).isLessThan(2);
    }

    private static double[][] trajectory(Problem p, long seed, int steps) {
        Optimizer rs = new RandomSearchSpec(null, null, null).create(p, k -> 0.1, seed);
        Iterate it = TestProblems.start(p, START);
        double[][] xs = new double[steps + 1][];
        xs[0] = it.x().clone();
        for (int k = 1; k <= steps; k++) {
            assertThat(rs.step(it, k)).isNull();
            xs[k] = it.x().clone();
        }
        return xs;
    }
}
