package dev.descent.problem;

import java.util.Arrays;

/** ½Σdᵢxᵢ² − bᵀx + c, the separable quadratic; ∇f = d∘x − b, ∇²f = diag(d). */
final class DiagonalQuadratic implements Problem, QuadraticProblem {
    private final double[] d;
    private final double[] b;
    private final double c;

    DiagonalQuadratic(double[] d, double[] b, double c) {
        this.d = d;
        this.b = b;
        this.c = c;
    }

    @Override
    public int dimension() {
        return d.length;
    }

    @Override
    public double value(double[] x) {
        double f = 0;
        for (int i = 0; i < d.length; i++) f += x[i] * (0.5 * d[i] * x[i] - b[i]);
        return f + c;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double f = 0;
        for (int i = 0; i < d.length; i++) {
            double dx = d[i] * x[i];
            gradient[i] = dx - b[i];
            f += x[i] * (0.5 * dx - b[i]);
        }
        return f + c;
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        int n = d.length;
        Arrays.fill(hessian, 0, n * n, 0.0);
        for (int i = 0; i < n; i++) hessian[i * n + i] = d[i];
    }

    /** d∘v, exact. */
    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        for (int i = 0; i < d.length; i++) out[i] = d[i] * v[i];
    }

    @Override
    public void linearTerm(double[] out) {
        System.arraycopy(b, 0, out, 0, b.length);
    }

    @Override
    public void diagonal(double[] out) {
        System.arraycopy(d, 0, out, 0, d.length);
    }

    @Override
    public double rowTimes(int i, double[] x) {
        return d[i] * x[i];
    }
}
