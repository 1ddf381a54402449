package dev.descent.problem;

import java.util.Map;

/**
 * A differentiable objective f: ℝⁿ → ℝ. Evaluations write into arrays the caller owns and never
 * keep references to them, so the run loop allocates its work arrays once. Implementations are
 * immutable and safe to share between threads.
 */
public interface Problem {

    int dimension();

    /** f(x). */
    double value(double[] x);

    /** f(x), and ∇f(x) written into {@code gradient} (length n). */
    double valueAndGradient(double[] x, double[] gradient);

    /** Whether {@link #hessian} is available. */
    default boolean hasHessian() {
        return false;
    }

    /** ∇²f(x) written row-major into {@code hessian} (length n·n). */
    default void hessian(double[] x, double[] hessian) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no Hessian");
    }

    /**
     * ∇²f(x)·v written into {@code out} (length n); x and v are not written. Quadratics override
     * this exactly and without allocating. The default, for problems without a cheaper way, forms
     * the dense Hessian when {@link #hasHessian} (n² memory and work, allocated per call) and
     * otherwise takes a centered difference of gradients, (∇f(x + hv) − ∇f(x − hv))/2h with
     * h = ∛ε·max(1, ‖x‖∞)/‖v‖∞ (two gradient evaluations, error O(h²), two n-arrays allocated).
     */
    default void hessianVectorProduct(double[] x, double[] v, double[] out) {
        int n = dimension();
        if (hasHessian()) {
            double[] h = new double[n * n];
            hessian(x, h);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += h[i * n + j] * v[j];
                out[i] = s;
            }
            return;
        }
        double scale = 0, size = 1;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(v[i]));
            size = Math.max(size, Math.abs(x[i]));
        }
        if (scale == 0) {
            java.util.Arrays.fill(out, 0, n, 0.0);
            return;
        }
        double step = Math.cbrt(Math.ulp(1.0)) * size / scale;
        double[] shifted = new double[n], minus = new double[n];
        for (int i = 0; i < n; i++) shifted[i] = x[i] - step * v[i];
        valueAndGradient(shifted, minus);
        for (int i = 0; i < n; i++) shifted[i] = x[i] + step * v[i];
        valueAndGradient(shifted, out);
        for (int i = 0; i < n; i++) out[i] = (out[i] - minus[i]) / (2 * step);
    }

    /** The start used when a request gives no initial point. */
    default double[] defaultStart() {
        return new double[dimension()];
    }

    /**
     * Extra result fields for a final point, such as the residual sum of squares of a fit or the
     * coefficients of a classifier. Keys are the API's field names.
     */
    default Map<String, Object> describe(double[] x) {
        return Map.of();
    }
}
