package dev.descent.optimizer;

/**
 * A gradient transformation with explicit state. {@link #update} rewrites {@code step} in place:
 * in as the gradient (or the previous rule's output), out as the update that the optimizer
 * subtracts from x.
 *
 * @param <S> the rule's state, made once per run by {@link #init}
 */
public interface UpdateRule<S> extends java.io.Serializable {

    S init(int n);

    /**
     * @param step the step being built, rewritten in place
     * @param state this rule's state
     * @param x the current point (read only)
     * @param t the 1-based number of this step
     */
    void update(double[] step, S state, double[] x, long t);
}
