package dev.descent.bench;

import dev.descent.problem.Problem;

/**
 * f(x) = ½Σ dᵢxᵢ² with dᵢ = 1 + (i mod 16)/4, so the curvature spans [1, 4.75] and costs no array:
 * the cheapest honest value and gradient (one read of x, one write of g), so that a benchmark of an
 * optimizer's step measures the step. Its minimum is 0 at 0.
 */
public final class SeparableQuadratic implements Problem {
    private final int n;

    public SeparableQuadratic(int n) {
        this.n = n;
    }

    static double curvature(int i) {
        return 1 + (i & 15) * 0.25;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        double f = 0;
        for (int i = 0; i < n; i++) f += curvature(i) * x[i] * x[i];
        return 0.5 * f;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double f = 0;
        for (int i = 0; i < n; i++) {
            double dx = curvature(i) * x[i];
            gradient[i] = dx;
            f += dx * x[i];
        }
        return 0.5 * f;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        for (int i = 0; i < n; i++) out[i] = curvature(i) * v[i];
    }

    /** A start away from the minimum: 1, 1.25, 1.5, 1.75, 2, 1, … */
    @Override
    public double[] defaultStart() {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 1 + (i % 5) * 0.25;
        return x;
    }
}
