package dev.descent.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HessianVectorProductTest {
    private static final double[][] A = {{3, 0.5, 0}, {0.5, 2, 0.3}, {0, 0.3, 1}};
    private static final double[] V = {0.7, -1.3, 2.1};
    private static final double[] X = {0.2, 0.4, -0.6};

    /** H·v through the dense Hessian, the reference for every override. */
    private static double[] throughHessian(Problem p, double[] x, double[] v) {
        int n = p.dimension();
        double[] h = new double[n * n], out = new double[n];
        p.hessian(x, h);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) out[i] += h[i * n + j] * v[j];
        return out;
    }

    private static double[] product(Problem p, double[] x, double[] v) {
        double[] out = new double[p.dimension()];
        p.hessianVectorProduct(x, v, out);
        return out;
    }

    @Test
    void denseQuadraticMultipliesByA() {
        Problem p = new QuadraticSpec(A, null, new double[] {1, 2, 3}, null).create();
        assertThat(product(p, X, V)).containsExactly(throughHessian(p, X, V), within(1e-15));
    }

    @Test
    void diagonalQuadraticScalesEachCoordinate() {
        Problem p = new QuadraticSpec(null, new double[] {1, 10, 100}, null, null).create();
        assertThat(product(p, X, V)).containsExactly(0.7, -13, 210);
    }

    @Test
    void linearLeastSquaresIsGramPlusRidgeWhetherOrNotTheGramIsStored() {
        Random random = new Random(3);
        double[][] tall = new double[7][3], wide = new double[2][3];
        for (double[] row : tall) for (int j = 0; j < 3; j++) row[j] = random.nextGaussian();
        for (double[] row : wide) for (int j = 0; j < 3; j++) row[j] = random.nextGaussian();
        for (double[][] a : new double[][][] {tall, wide}) {
            Problem p = new LinearLeastSquaresSpec(a, new double[a.length], 0.5).create();
            assertThat(product(p, X, V)).containsExactly(throughHessian(p, X, V), within(1e-13));
        }
    }

    @Test
    void defaultUsesTheHessianWhenThereIsOne() {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        double[] x = {-1.2, 1}, v = {0.3, -0.8};
        assertThat(product(rosenbrock, x, v)).containsExactly(throughHessian(rosenbrock, x, v), within(1e-12));
    }

    @Test
    void defaultWithoutHessianTakesACenteredDifferenceOfGradients() {
        Problem rosenbrock = new FunctionSpec("rosenbrock", 2).create();
        Problem gradientOnly = new Problem() {
            public int dimension() {
                return 2;
            }

            public double value(double[] x) {
                return rosenbrock.value(x);
            }

            public double valueAndGradient(double[] x, double[] g) {
                return rosenbrock.valueAndGradient(x, g);
            }
        };
        double[] x = {-1.2, 1}, v = {0.3, -0.8};
        double[] exact = throughHessian(rosenbrock, x, v);
        // Centered differences with h = ∛ε: error O(h²) ≈ 1e-10 relative, plus rounding ε/h.
        assertThat(product(gradientOnly, x, v)).containsExactly(exact, within(1e-7 * Math.abs(exact[0])));
    }
}
