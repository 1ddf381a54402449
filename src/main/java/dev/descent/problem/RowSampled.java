package dev.descent.problem;

/**
 * A problem whose objective is a mean over m data rows plus a penalty, f(x) = (1/m)Σᵢ ℓᵢ(x) + R(x),
 * so a minibatch B of rows gives the unbiased estimate f_B(x) = (1/|B|)Σ_{i∈B} ℓᵢ(x) + R(x): drawn
 * uniformly without replacement, E[f_B] = f and E[∇f_B] = ∇f. The penalty R is always included in
 * full (it is cheap and exact). Evaluations read the row indices in place and keep no reference.
 */
public interface RowSampled {

    /** The number of data rows m. */
    int rows();

    /**
     * f_B(x) for the rows {@code rows[from] … rows[to − 1]} (each in [0, m)), and ∇f_B(x) written into
     * {@code gradient} (length n). With every row once this equals {@link Problem#valueAndGradient}
     * up to rounding.
     */
    double valueAndGradient(double[] x, double[] gradient, int[] rows, int from, int to);
}
