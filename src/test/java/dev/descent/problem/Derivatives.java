package dev.descent.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

/** Centered finite differences to test analytic gradients and Hessians against. */
final class Derivatives {
    private Derivatives() {}

    /** (f(x + heᵢ) − f(x − heᵢ)) / 2h with h scaled to |xᵢ|. */
    static double[] numericGradient(Problem p, double[] x) {
        double[] g = new double[x.length], y = x.clone();
        for (int i = 0; i < x.length; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            y[i] = x[i] + h;
            double up = p.value(y);
            y[i] = x[i] - h;
            double down = p.value(y);
            y[i] = x[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /** Centered differences of the analytic gradient, row-major n·n. */
    static double[] numericHessian(Problem p, double[] x) {
        int n = x.length;
        double[] h = new double[n * n], y = x.clone(), up = new double[n], down = new double[n];
        for (int j = 0; j < n; j++) {
            double step = 1e-5 * Math.max(1, Math.abs(x[j]));
            y[j] = x[j] + step;
            p.valueAndGradient(y, up);
            y[j] = x[j] - step;
            p.valueAndGradient(y, down);
            y[j] = x[j];
            for (int i = 0; i < n; i++) h[i * n + j] = (up[i] - down[i]) / (2 * step);
        }
        return h;
    }

    /** Analytic gradient equals the centered differences to 1e-6 relative to the gradient's scale, and the value agrees with value(). */
    static void assertGradientMatches(Problem p, double[] x) {
        double[] g = new double[p.dimension()];
        double f = p.valueAndGradient(x, g);
        assertThat(f).isCloseTo(p.value(x), org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, Math.abs(f))));
        assertClose(g, numericGradient(p, x), 1e-6, "gradient");
    }

    /** Analytic Hessian equals centered differences of the gradient and is symmetric. */
    static void assertHessianMatches(Problem p, double[] x) {
        int n = p.dimension();
        assertThat(p.hasHessian()).isTrue();
        double[] h = new double[n * n];
        p.hessian(x, h);
        assertClose(h, numericHessian(p, x), 1e-6, "hessian");
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                assertThat(h[i * n + j]).as("symmetry at (%d,%d)", i, j).isEqualTo(h[j * n + i]);
    }

    /** Each entry within tolerance·(1 + ‖expected‖∞). */
    static void assertClose(double[] actual, double[] expected, double tolerance, String what) {
        double scale = 1;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("%s[%d] (analytic %s vs expected %s)", what, i, actual[i], expected[i])
                    .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tolerance * scale));
        }
    }

    static double[] randomPoint(Random random, int n, double radius) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = radius * (2 * random.nextDouble() - 1);
        return x;
    }

    static double[][] randomMatrix(Random random, int rows, int columns) {
        double[][] a = new double[rows][columns];
        for (double[] row : a) for (int j = 0; j < columns; j++) row[j] = random.nextGaussian();
        return a;
    }
}
