package dev.descent.optimizer;

/**
 * Rules applied in order, each with its own state, as one rule (optax {@code chain}). The output of
 * one stage is the input of the next, so a recipe reads top to bottom in the order torch applies it.
 */
final class Chain implements UpdateRule<Object[]> {
    private final UpdateRule<?>[] rules;

    private Chain(UpdateRule<?>[] rules) {
        this.rules = rules;
    }

    static Chain of(UpdateRule<?>... rules) {
        return new Chain(rules.clone());
    }

    static Chain of(java.util.List<? extends UpdateRule<?>> rules) {
        return new Chain(rules.toArray(new UpdateRule<?>[0]));
    }

    @Override
    public Object[] init(int n) {
        Object[] states = new Object[rules.length];
        for (int i = 0; i < rules.length; i++) states[i] = rules[i].init(n);
        return states;
    }

    @Override
    public void update(double[] step, Object[] states, double[] x, long t) {
        for (int i = 0; i < rules.length; i++) apply(rules[i], step, states[i], x, t);
    }

    /**
     * Every stage but the last, for a caller that applies the last one itself (see
     * {@link RuleOptimizer}, which folds a final learning rate into x ← x − step).
     */
    void updateAllButLast(double[] step, Object[] states, double[] x, long t) {
        for (int i = 0; i < rules.length - 1; i++) apply(rules[i], step, states[i], x, t);
    }

    /** The last stage, or null for an empty chain. */
    UpdateRule<?> last() {
        return rules.length == 0 ? null : rules[rules.length - 1];
    }

    // The state was made by the same rule's init, so the cast only recovers the type erased by the array.
    @SuppressWarnings("unchecked")
    private static <S> void apply(UpdateRule<S> rule, double[] step, Object state, double[] x, long t) {
        rule.update(step, (S) state, x, t);
    }
}
