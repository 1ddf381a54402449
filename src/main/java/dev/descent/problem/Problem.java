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
