package dev.descent.spec;

/**
 * What a problem type offers and an optimizer type needs. Problem specs declare theirs with
 * {@link Provides}, optimizer specs with {@link Requires}; compatibility and the catalogue's
 * "accepted problem types" both derive from these two annotations.
 */
public enum Capability {
    /** Value and exact gradient. */
    GRADIENT,
    /** Exact Hessian. */
    HESSIAN,
    /** The objective is ½xᵀAx − bᵀx + c (linear solvers, exact line search). */
    QUADRATIC,
    /** The objective is ½Σrᵢ² with a Jacobian of r. */
    LEAST_SQUARES,
    /** The objective is an average over data rows (minibatches). */
    DATASET
}
