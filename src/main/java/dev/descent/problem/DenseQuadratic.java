package dev.descent.problem;

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

    /** A·v, exact, one pass over A. */
    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        for (int i = 0; i < n; i++) out[i] = row(i, v);
    }

    // Four accumulators, as Vectors.multiply: one would wait on each addition's latency, while
    // four keep the loop on the speed of reading A.
    private double row(int i, double[] x) {
        int o = i * n, j = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[o + j] * x[j];
            s1 += a[o + j + 1] * x[j + 1];
            s2 += a[o + j + 2] * x[j + 2];
            s3 += a[o + j + 3] * x[j + 3];
        }
        for (; j < n; j++) s0 += a[o + j] * x[j];
        return (s0 + s1) + (s2 + s3);
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
