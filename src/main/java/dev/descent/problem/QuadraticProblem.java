package dev.descent.problem;

/**
 * ½xᵀAx − bᵀx + c with A symmetric, with what linear solvers need beyond {@link Problem}: b, the
 * diagonal of A and single rows of A·x. A itself is {@link Problem#hessian} and A·v
 * {@link Problem#hessianVectorProduct}.
 */
public interface QuadraticProblem extends Problem {

    /** b into {@code out} (length n). */
    void linearTerm(double[] out);

    /** The diagonal of A into {@code out} (length n). */
    void diagonal(double[] out);

    /** (A·x)ᵢ, row i of A times x. */
    double rowTimes(int i, double[] x);
}
