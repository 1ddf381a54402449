package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.engine.RunOutcome;
import dev.descent.linalg.Vectors;
import dev.descent.problem.FunctionSpec;
import dev.descent.problem.Problem;
import dev.descent.stopping.StopReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConjugateGradientTest {
    private static final int N = 20;

    @ParameterizedTest
    @ValueSource(strings = {"polak-ribiere", "fletcher-reeves", "hestenes-stiefel"})
    void everyVariantSolvesAnSpdQuadraticInAtMostNPlusTwoIterations(String variant) {
        Problem quadratic = SolverFixtures.quadratic(SolverFixtures.spd(N, 100, 7), SolverFixtures.gaussian(N, 8));
        Optimizer cg = new ConjugateGradientSpec(null, variant, null, "exact").create(quadratic, k -> 1.0, 0);
        Iterate it = TestProblems.start(quadratic, SolverFixtures.gaussian(N, 9));
        double g0 = Vectors.norm2(it.g());
        int k = 0;
        while (Vectors.norm2(it.g()) > 1e-8 * g0) {
            assertThat(k).as("iterations").isLessThan(N + 2);
            assertThat(cg.step(it, ++k)).isNull();
        }
        // Steepest descent with exact steps would need about κ/2·ln(1e8) ≈ 900 here.
        assertThat(k).isGreaterThan(N / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polak-ribiere", "fletcher-reeves", "hestenes-stiefel"})
    void everyVariantWithStrongWolfeSolvesRosenbrock(String variant) {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        Optimizer cg = new ConjugateGradientSpec(null, variant, null, null).create(rosenbrock, k -> 1.0, 0);
        RunOutcome out = SolverFixtures.run(rosenbrock, cg, k -> 1.0, 1e-9, 5000, new double[] {-1.2, 1});
        assertThat(out.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(SolverFixtures.distanceToOnes(out.x())).isLessThanOrEqualTo(1e-8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void restartingEveryIterationIsSteepestDescent(int restartEvery) {
        // With restartEvery = 1 every direction is −g, so with exact steps CG is steepest descent and
        // is still far from done after n + 2 iterations on an ill-conditioned quadratic.
        Problem quadratic = SolverFixtures.quadratic(SolverFixtures.spd(N, 100, 7), SolverFixtures.gaussian(N, 8));
        Optimizer cg = new ConjugateGradientSpec(null, null, restartEvery, "exact").create(quadratic, k -> 1.0, 0);
        Iterate it = TestProblems.start(quadratic, SolverFixtures.gaussian(N, 9));
        double g0 = Vectors.norm2(it.g());
        for (int k = 1; k <= N + 2; k++) cg.step(it, k);
        assertThat(Vectors.norm2(it.g())).isGreaterThan(1e-6 * g0);
    }
}
