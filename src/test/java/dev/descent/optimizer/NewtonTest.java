package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.descent.linalg.Vectors;
import dev.descent.problem.Problem;
import org.junit.jupiter.api.Test;

class NewtonTest {
    private static final double[][] A = {{3, 0.5, 0}, {0.5, 2, 0.3}, {0, 0.3, 1}};
    private static final double[] B = {1, -2, 0.5};

    @Test
    void solvesAQuadraticInOneStep() {
        Problem quadratic = TestProblems.quadratic(A, B);
        Optimizer newton = new NewtonSpec(null, null).create(quadratic, k -> 1.0, 0);
        Iterate it = TestProblems.start(quadratic, new double[3]);
        assertThat(newton.step(it, 1)).isNull();
        assertThat(Vectors.normInf(it.g())).isLessThanOrEqualTo(1e-14);
        assertThat(it.functionEvaluations()).isEqualTo(2);
    }

    @Test
    void shiftsAnIndefiniteHessianAndStillDecreasesF() {
        Problem saddle = TestProblems.saddle();
        Optimizer newton = new NewtonSpec(null, null).create(saddle, k -> 1.0, 0);
        // At (0.5, 0.1) the Hessian is diag(2, −1.88): the pure Newton step would head for the saddle.
        Iterate it = TestProblems.start(saddle, new double[] {0.5, 0.1});
        double f0 = it.f();
        assertThat(newton.step(it, 1)).isNull();
        assertThat(it.f()).isLessThan(f0);
        assertThat(Math.abs(it.x()[1])).isGreaterThan(0.1);   // moved away from the saddle
        for (int k = 2; k <= 50 && Vectors.normInf(it.g()) > 1e-12; k++) assertThat(newton.step(it, k)).isNull();
        assertThat(it.x()[0]).isCloseTo(0, offset(1e-10));
        assertThat(it.x()[1]).isCloseTo(Math.sqrt(0.5), offset(1e-10));
    }

    @Test
    void leavesTheExactSaddleAlongNoDirectionButReportsIt() {
        Problem saddle = TestProblems.saddle();
        Optimizer newton = new NewtonSpec(null, null).create(saddle, k -> 1.0, 0);
        Iterate it = TestProblems.start(saddle, new double[] {0, 0});
        // ∇f = 0: there is no descent direction, which Newton says rather than looping.
        assertThat(newton.step(it, 1)).isNotNull();
    }

    @Test
    void convergesOnRosenbrockFromTheClassicStart() {
        Problem rosenbrock = TestProblems.rosenbrock();
        Optimizer newton = new NewtonSpec(null, null).create(rosenbrock, k -> 1.0, 0);
        Iterate it = TestProblems.start(rosenbrock, new double[] {-1.2, 1});
        for (int k = 1; k <= 100 && Vectors.normInf(it.g()) > 1e-12; k++) {
            double before = it.f();
            assertThat(newton.step(it, k)).isNull();
            assertThat(it.f()).isLessThanOrEqualTo(before);
        }
        assertThat(it.x()[0]).isCloseTo(1, offset(1e-10));
        assertThat(it.x()[1]).isCloseTo(1, offset(1e-10));
    }

    @Test
    void dampingShortensTheStep() {
        Problem quadratic = TestProblems.quadratic(new double[][] {{1, 0}, {0, 1}}, new double[] {1, 1});
        Optimizer newton = new NewtonSpec(1.0, 1.0).create(quadratic, k -> 1.0, 0);
        Iterate it = TestProblems.start(quadratic, new double[2]);
        newton.step(it, 1);
        // (I + 1·I)·d = b: d = b/2.
        assertThat(it.x()).containsExactly(new double[] {0.5, 0.5}, offset(1e-15));
    }
}
