package dev.descent.optimizer;

import dev.descent.problem.Problem;

/** Small objectives with exact derivatives for the optimizer tests. */
final class TestProblems {
    private TestProblems() {}

    /** ½xᵀAx − bᵀx for symmetric A (row-major). */
    static Problem quadratic(double[][] a, double[] b) {
        int n = b.length;
        return new Problem() {
            public int dimension() {
                return n;
            }

            public double value(double[] x) {
                double f = 0;
                for (int i = 0; i < n; i++) {
                    double ax = 0;
                    for (int j = 0; j < n; j++) ax += a[i][j] * x[j];
                    f += 0.5 * x[i] * ax - b[i] * x[i];
                }
                return f;
            }

            public double valueAndGradient(double[] x, double[] g) {
                for (int i = 0; i < n; i++) {
                    double ax = 0;
                    for (int j = 0; j < n; j++) ax += a[i][j] * x[j];
                    g[i] = ax - b[i];
                }
                return value(x);
            }

            public boolean hasHessian() {
                return true;
            }

            public void hessian(double[] x, double[] h) {
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) h[i * n + j] = a[i][j];
            }
        };
    }

    /** (1 − x)² + 100(y − x²)². */
    static Problem rosenbrock() {
        return new Problem() {
            public int dimension() {
                return 2;
            }

            public double value(double[] x) {
                double u = 1 - x[0], v = x[1] - x[0] * x[0];
                return u * u + 100 * v * v;
            }

            public double valueAndGradient(double[] x, double[] g) {
                double u = 1 - x[0], v = x[1] - x[0] * x[0];
                g[0] = -2 * u - 400 * x[0] * v;
                g[1] = 200 * v;
                return u * u + 100 * v * v;
            }

            public boolean hasHessian() {
                return true;
            }

            public void hessian(double[] x, double[] h) {
                h[0] = 2 - 400 * x[1] + 1200 * x[0] * x[0];
                h[1] = h[2] = -400 * x[0];
                h[3] = 200;
            }
        };
    }

    /** x² − y² + y⁴: a saddle at the origin, minima at (0, ±1/√2), negative curvature in y near 0. */
    static Problem saddle() {
        return new Problem() {
            public int dimension() {
                return 2;
            }

            public double value(double[] x) {
                double y2 = x[1] * x[1];
                return x[0] * x[0] - y2 + y2 * y2;
            }

            public double valueAndGradient(double[] x, double[] g) {
                g[0] = 2 * x[0];
                g[1] = -2 * x[1] + 4 * x[1] * x[1] * x[1];
                return value(x);
            }

            public boolean hasHessian() {
                return true;
            }

            public void hessian(double[] x, double[] h) {
                h[0] = 2;
                h[1] = h[2] = 0;
                h[3] = -2 + 12 * x[1] * x[1];
            }
        };
    }

    /** An iterate on {@code problem} at {@code start}, evaluated, with no stop requests. */
    static Iterate start(Problem problem, double[] start) {
        Iterate it = new Iterate(problem, start, () -> {});
        it.evaluate();
        return it;
    }
}
