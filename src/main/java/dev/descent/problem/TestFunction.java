package dev.descent.problem;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The named test functions of {@code problem.type = function}, with exact gradients and Hessians.
 * Definitions follow Jamil & Yang, "A literature survey of benchmark functions for global
 * optimization problems" (2013); Rosenbrock is the chained form Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².
 * Hessians are written row-major into n·n arrays; implementations allocate nothing.
 */
enum TestFunction {
    ROSENBROCK("rosenbrock", 2, false) {
        @Override
        double valueAndGradient(double[] x, double[] g) {
            int n = x.length;
            if (g != null) Arrays.fill(g, 0, n, 0.0);
            double f = 0;
            for (int i = 0; i + 1 < n; i++) {
                double d = x[i + 1] - x[i] * x[i], e = 1 - x[i];
                f += 100 * d * d + e * e;
                if (g != null) {
                    g[i] += -400 * x[i] * d - 2 * e;
                    g[i + 1] += 200 * d;
                }
            }
            return f;
        }

        @Override
        void hessian(double[] x, double[] h) {
            int n = x.length;
            Arrays.fill(h, 0, n * n, 0.0);
            for (int i = 0; i + 1 < n; i++) {
                h[i * n + i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                h[i * n + i + 1] -= 400 * x[i];
                h[(i + 1) * n + i] -= 400 * x[i];
                h[(i + 1) * n + i + 1] += 200;
            }
        }

        @Override
        double[] defaultStart(int n) {
            // The classic start of Rosenbrock (1960), repeated: (−1.2, 1, −1.2, 1, …).
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = i % 2 == 0 ? -1.2 : 1.0;
            return x;
        }
    },

    SADDLE("saddle", 2, true) {
        @Override
        double valueAndGradient(double[] x, double[] g) {
            if (g != null) {
                g[0] = 2 * x[0];
                g[1] = -2 * x[1];
            }
            return x[0] * x[0] - x[1] * x[1];
        }

        @Override
        void hessian(double[] x, double[] h) {
            h[0] = 2;
            h[1] = 0;
            h[2] = 0;
            h[3] = -2;
        }

        @Override
        double[] defaultStart(int n) {
            // Just off the stable manifold y = 0, so an optimizer has to notice the escape direction.
            return new double[] {1, 0.01};
        }
    },

    TWO_MINIMA("two-minima", 2, true) {
        // −2·exp(−((x−1)²+y²)/s) − 6·exp(−((x+1)²+y²)/s) + x² + y², s = 0.2: a shallow minimum near
        // (1, 0) and a deeper one near (−1, 0).
        private static final double S = 0.2;

        @Override
        double valueAndGradient(double[] x, double[] g) {
            double px = x[0] - 1, mx = x[0] + 1, y = x[1];
            double e1 = -2 * Math.exp(-(px * px + y * y) / S), e2 = -6 * Math.exp(-(mx * mx + y * y) / S);
            if (g != null) {
                g[0] = -2 / S * (px * e1 + mx * e2) + 2 * x[0];
                g[1] = -2 / S * y * (e1 + e2) + 2 * y;
            }
            return e1 + e2 + x[0] * x[0] + y * y;
        }

        @Override
        void hessian(double[] x, double[] h) {
            double px = x[0] - 1, mx = x[0] + 1, y = x[1];
            double e1 = -2 * Math.exp(-(px * px + y * y) / S), e2 = -6 * Math.exp(-(mx * mx + y * y) / S);
            double s2 = S * S;
            h[0] = (4 * px * px / s2 - 2 / S) * e1 + (4 * mx * mx / s2 - 2 / S) * e2 + 2;
            h[1] = 4 * y / s2 * (px * e1 + mx * e2);
            h[2] = h[1];
            h[3] = (4 * y * y / s2 - 2 / S) * (e1 + e2) + 2;
        }

        @Override
        double[] defaultStart(int n) {
            // In the basin of the shallower minimum near (1, 0): plain gradient descent settles
            // there, while momentum or a larger step can reach the deeper one near (−1, 0).
            return new double[] {1.5, 0.5};
        }
    },

    HIMMELBLAU("himmelblau", 2, true) {
        @Override
        double valueAndGradient(double[] x, double[] g) {
            double p = x[0] * x[0] + x[1] - 11, q = x[0] + x[1] * x[1] - 7;
            if (g != null) {
                g[0] = 4 * x[0] * p + 2 * q;
                g[1] = 2 * p + 4 * x[1] * q;
            }
            return p * p + q * q;
        }

        @Override
        void hessian(double[] x, double[] h) {
            double p = x[0] * x[0] + x[1] - 11, q = x[0] + x[1] * x[1] - 7;
            h[0] = 4 * p + 8 * x[0] * x[0] + 2;
            h[1] = 4 * (x[0] + x[1]);
            h[2] = h[1];
            h[3] = 2 + 4 * q + 8 * x[1] * x[1];
        }

        @Override
        double[] defaultStart(int n) {
            return new double[] {0, 0};
        }
    },

    BEALE("beale", 2, true) {
        @Override
        double valueAndGradient(double[] x, double[] g) {
            double a = x[0], y = x[1], y2 = y * y, y3 = y2 * y;
            double t1 = 1.5 - a + a * y, t2 = 2.25 - a + a * y2, t3 = 2.625 - a + a * y3;
            if (g != null) {
                g[0] = 2 * (t1 * (y - 1) + t2 * (y2 - 1) + t3 * (y3 - 1));
                g[1] = 2 * (t1 * a + t2 * 2 * a * y + t3 * 3 * a * y2);
            }
            return t1 * t1 + t2 * t2 + t3 * t3;
        }

        @Override
        void hessian(double[] x, double[] h) {
            // ∇²Σtₖ² = 2Σ(∇tₖ∇tₖᵀ + tₖ∇²tₖ).
            double a = x[0], y = x[1], y2 = y * y, y3 = y2 * y;
            double t1 = 1.5 - a + a * y, t2 = 2.25 - a + a * y2, t3 = 2.625 - a + a * y3;
            double ax1 = y - 1, ax2 = y2 - 1, ax3 = y3 - 1;   // ∂tₖ/∂x
            double ay1 = a, ay2 = 2 * a * y, ay3 = 3 * a * y2; // ∂tₖ/∂y
            h[0] = 2 * (ax1 * ax1 + ax2 * ax2 + ax3 * ax3);
            h[1] = 2 * (ax1 * ay1 + ax2 * ay2 + ax3 * ay3 + t1 + t2 * 2 * y + t3 * 3 * y2);
            h[2] = h[1];
            h[3] = 2 * (ay1 * ay1 + ay2 * ay2 + ay3 * ay3 + t2 * 2 * a + t3 * 6 * a * y);
        }

        @Override
        double[] defaultStart(int n) {
            return new double[] {1, 1};
        }
    },

    SPHERE("sphere", 1, false) {
        @Override
        double valueAndGradient(double[] x, double[] g) {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += x[i] * x[i];
                if (g != null) g[i] = 2 * x[i];
            }
            return f;
        }

        @Override
        void hessian(double[] x, double[] h) {
            int n = x.length;
            Arrays.fill(h, 0, n * n, 0.0);
            for (int i = 0; i < n; i++) h[i * n + i] = 2;
        }

        @Override
        double[] defaultStart(int n) {
            double[] x = new double[n];
            Arrays.fill(x, 1.0);
            return x;
        }
    };

    /** The dimension when a request names none. */
    static final int DEFAULT_DIMENSION = 2;

    private final String id;
    private final int minDimension;
    private final boolean fixedDimension;

    TestFunction(String id, int minDimension, boolean fixedDimension) {
        this.id = id;
        this.minDimension = minDimension;
        this.fixedDimension = fixedDimension;
    }

    /** The API name, such as {@code two-minima}. */
    String id() {
        return id;
    }

    /** Null when the function is defined in n variables, else why not. */
    String dimensionProblem(int n) {
        if (fixedDimension && n != minDimension) return id + " is defined in " + minDimension + " dimensions only";
        if (n < minDimension) return id + " needs dimension ≥ " + minDimension;
        return null;
    }

    /** f(x), and ∇f(x) into {@code g} unless it is null. */
    abstract double valueAndGradient(double[] x, double[] g);

    /** ∇²f(x) row-major into {@code h}. */
    abstract void hessian(double[] x, double[] h);

    abstract double[] defaultStart(int n);

    /** The function of that API name, or null. */
    static TestFunction named(String name) {
        for (TestFunction f : values()) if (f.id.equals(name)) return f;
        return null;
    }

    /** "rosenbrock, saddle, …" for messages and the catalogue. */
    static String names() {
        return Arrays.stream(values()).map(TestFunction::id).collect(Collectors.joining(", "));
    }
}
