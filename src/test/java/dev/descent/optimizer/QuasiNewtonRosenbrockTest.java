package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.engine.RunOutcome;
import dev.descent.linalg.Vectors;
import dev.descent.problem.FunctionSpec;
import dev.descent.problem.Problem;
import dev.descent.spec.FieldViolation;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;
import dev.descent.stopping.StopReason;
import org.junit.jupiter.api.Test;

/** BFGS and L-BFGS from the classic start (−1.2, 1), driven by the job's run loop. */
class QuasiNewtonRosenbrockTest {
    private static final double[] START = {-1.2, 1};

    @Test
    void bfgsSolvesRosenbrockTo1e10() {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        Bfgs bfgs = (Bfgs) new BfgsSpec(null).create(rosenbrock, k -> 1.0, 0);
        RunOutcome out = SolverFixtures.run(rosenbrock, bfgs, k -> 1.0, 1e-12, 1000, START);
        assertThat(out.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(SolverFixtures.distanceToOnes(out.x())).isLessThanOrEqualTo(1e-10);
        // Superlinear: far fewer iterations than steepest descent's thousands.
        assertThat(out.iterations()).isLessThan(60);
        assertThat(bfgs.updates()).isPositive();
    }

    @Test
    void lbfgsWithDefaultToleranceChangeSolvesRosenbrockTo1e10() {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        LbfgsSpec spec = new LbfgsSpec(null, null, null, null);
        assertThat(spec.toleranceChange()).isZero();
        RunOutcome out = SolverFixtures.run(rosenbrock, spec.create(rosenbrock, k -> 1.0, 0), k -> 1.0, 1e-12, 1000, START);
        assertThat(out.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(SolverFixtures.distanceToOnes(out.x())).isLessThanOrEqualTo(1e-10);
    }

    @Test
    void bfgsSolvesAQuadraticWithItsInverseHessian() {
        // On a quadratic, BFGS with exact-enough steps builds A⁻¹ and ends in about n iterations.
        // b = 0 puts the minimum value at 0, so f's decrease stays resolvable down to ‖g‖ = 1e-10.
        int n = 8;
        Problem quadratic = SolverFixtures.quadratic(SolverFixtures.spd(n, 1000, 5), new double[n]);
        Optimizer bfgs = new BfgsSpec(null).create(quadratic, k -> 1.0, 0);
        RunOutcome out = SolverFixtures.run(quadratic, bfgs, k -> 1.0, 1e-10, 200, SolverFixtures.gaussian(n, 7));
        assertThat(out.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(out.iterations()).isLessThanOrEqualTo(4L * n);
    }

    @Test
    void bfgsRefusesDimensionsBeyondTheDenseHessianLimit() {
        int limit = Limits.defaults().maxDenseHessianDimension();
        Violations v = new Violations();
        new BfgsSpec(null).check(v.at("optimizer"), new FunctionSpec("sphere", limit + 1), Limits.defaults());
        assertThat(v.list()).extracting(FieldViolation::field).containsExactly("optimizer.type");
        Violations ok = new Violations();
        new BfgsSpec(null).check(ok, new FunctionSpec("sphere", limit), Limits.defaults());
        assertThat(ok.isEmpty()).isTrue();
    }

    @Test
    void bfgsStepsAreDescentSteps() {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        Optimizer bfgs = new BfgsSpec(null).create(rosenbrock, k -> 1.0, 0);
        Iterate it = TestProblems.start(rosenbrock, START);
        for (int k = 1; k <= 30 && Vectors.normInf(it.g()) > 1e-12; k++) {
            double f = it.f();
            assertThat(bfgs.step(it, k)).isNull();
            assertThat(it.f()).isLessThan(f);
        }
    }
}
