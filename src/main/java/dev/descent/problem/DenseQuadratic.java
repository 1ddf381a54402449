package dev.descent.problem;

import dev.descent.linalg.Vectors;

/** ½xᵀAx − bᵀx + c for a dense symmetric A stored row-major; ∇f = Ax − b, ∇²f = A. */
final class DenseQuadratic implements Problem, QuadraticProblem {
    private final double[] a;
    private final double[] b;
    private final double c;
    private final int n;

    DenseQuadratic(double[] a, double[] b, double c) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = b.length;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        // f = Σᵢ xᵢ((Ax)ᵢ/2 − bᵢ) + c: one pass over A, nothing stored.
        double f = 0;
        for (int i = 0; i < n; i++) f += x[i] * (0.5 * row(i, x) - b[i]);
        return f + c;
    }

    /** Row by row as {@link #value}, so that the two give the same f to the last bit. */
    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double f = 0;
        for (int i = 0; i < n; i++) {
            double ax = row(i, x);
            gradient[i] = ax - b[i];
            f += x[i] * (0.5 * ax - b[i]);
        }
        return f + c;
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        System.arraycopy(a, 0, hessian, 0, n * n);
    }

    /**
     * A·v, one pass over A, eight rows per sweep ({@link Vectors#multiply}): the product Krylov
     * solvers take once per iteration. Its sums group differently from {@link #row}'s, so it may
     * differ from the gradient's Ax in the last bits.
     */
    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        Vectors.multiply(a, n, v, out);
    }

    private double row(int i, double[] x) {
        return Vectors.dotRow(a, i * n, x);
    }

    @Override
    public void linearTerm(double[] out) {
        System.arraycopy(b, 0, out, 0, n);
    }

    @Override
    public void diagonal(double[] out) {
        for (int i = 0; i < n; i++) out[i] = a[i * n + i];
    }

    @Override
    public double rowTimes(int i, double[] x) {
        return row(i, x);
    }
}
