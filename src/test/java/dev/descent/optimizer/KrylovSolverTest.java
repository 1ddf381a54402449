package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.engine.RunOutcome;
import dev.descent.linalg.Vectors;
import dev.descent.problem.Problem;
import dev.descent.stopping.StopReason;
import org.junit.jupiter.api.Test;

/** Linear CG on a quadratic: the residual by recurrence, checked against the true one. */
class KrylovSolverTest {
    static final int N = 120;
    static final double[][] A = SolverFixtures.spd(N, 1e3, 7);
    static final double[] B = SolverFixtures.gaussian(N, 8);

    @Test
    void recurredValueAndGradientMatchAFreshEvaluationAtEveryStep() {
        Problem problem = SolverFixtures.quadratic(A, B);
        Optimizer cg = new LinearCgSpec(null, 1e-12).create(problem, t -> 1.0, 1);
        Iterate it = TestProblems.start(problem, new double[N]);
        double[] g = new double[N];
        double scale = Vectors.norm2(B);
        Halt halt = null;
        int steps = 0;
        while (halt == null && steps < 10 * N) {
            halt = cg.step(it, ++steps);
            double f = problem.valueAndGradient(it.x(), g);
            assertThat(Math.abs(it.f() - f)).as("f after step %d", steps).isLessThanOrEqualTo(1e-10 * (1 + Math.abs(f)));
            assertThat(Vectors.distanceInf(it.g(), g)).as("∇f after step %d", steps).isLessThanOrEqualTo(1e-9 * scale);
        }
        assertThat(halt).isNotNull();
        assertThat(halt.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(steps).as("long enough to replace the residual").isGreaterThan(KrylovSolver.RESIDUAL_REPLACEMENT);
        // The halt was decided on the true residual, which the iterate then holds exactly.
        assertThat(it.g()).containsExactly(g);
        assertThat(Vectors.norm2(g)).isLessThanOrEqualTo(1e-12 * scale);
    }

    @Test
    void anIterationOnAQuadraticEvaluatesTheObjectiveOnlyToReplaceTheResidual() {
        Problem problem = SolverFixtures.quadratic(A, B);
        RunOutcome out = SolverFixtures.run(problem, new LinearCgSpec(null, 1e-10).create(problem, t -> 1.0, 1),
                t -> 1.0, 0, 10_000, new double[N]);
        assertThat(out.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        long replacements = out.iterations() / KrylovSolver.RESIDUAL_REPLACEMENT;
        // The start, every replacement, and one last true residual before stopping.
        assertThat(out.functionEvaluations()).isBetween(1 + replacements, 2 + replacements);
        double[] g = new double[N];
        double f = problem.valueAndGradient(out.x(), g);
        assertThat(out.loss()).isEqualTo(f);
        assertThat(Vectors.norm2(g)).isLessThanOrEqualTo(1e-10 * Vectors.norm2(B));
    }
}
