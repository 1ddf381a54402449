package dev.descent.optimizer;

/**
 * A first-order optimizer made of an {@link UpdateRule}: per step the gradient is copied into a step
 * array made once, transformed by the rule, and subtracted, x ← x − step, then f and ∇f are
 * evaluated at the new point (one evaluation per step, as torch's training loop does).
 */
final class RuleOptimizer implements Optimizer {
    private final UpdateRule<Object> rule;
    private final Object state;
    private final double[] step;

    @SuppressWarnings("unchecked")
    RuleOptimizer(UpdateRule<?> rule, int n) {
        // The state never leaves this object, so erasing its type loses nothing.
        this.rule = (UpdateRule<Object>) rule;
        this.state = rule.init(n);
        this.step = new double[n];
    }

    @Override
    public Halt step(Iterate it, long t) {
        double[] x = it.x();
        System.arraycopy(it.g(), 0, step, 0, step.length);
        rule.update(step, state, x, t);
        for (int i = 0; i < x.length; i++) x[i] -= step[i];
        it.evaluate();
        return null;
    }
}
