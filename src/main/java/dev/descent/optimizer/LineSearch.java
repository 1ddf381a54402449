package dev.descent.optimizer;

/**
 * A one-dimensional search along a descent direction d from x, evaluating trials through the
 * {@link Iterate} so they are counted and cancellable. Neither x, d nor g is written; the caller
 * moves x by the returned step and takes f from {@link #value} and ∇f from {@code gradientOut}.
 */
interface LineSearch extends java.io.Serializable {

    /**
     * @param t the first trial step
     * @param f f(x)
     * @param g ∇f(x)
     * @param gtd gᵀd, negative
     * @return the accepted step length, or 0 when no acceptable step was found (then
     *     {@code gradientOut} and {@link #value} are meaningless)
     */
    double search(Iterate it, double[] x, double t, double[] d, double f, double[] g, double gtd, double[] gradientOut);

    /** f at the accepted step of the last search. */
    double value();
}
