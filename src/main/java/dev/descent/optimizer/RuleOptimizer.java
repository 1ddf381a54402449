package dev.descent.optimizer;

import dev.descent.problem.Problem;
import dev.descent.problem.RowSampled;
import dev.descent.schedule.Schedule;

/**
 * A first-order optimizer made of an {@link UpdateRule}: per step the gradient is copied into a step
 * array made once, transformed by the rule, and subtracted, x ← x − step, then f and ∇f are
 * evaluated at the new point (one evaluation per step, as torch's training loop does).
 *
 * <p>With minibatches the step starts from the gradient of the next batch at x instead (a fraction
 * b/m of a full evaluation, not counted as an evaluation and not interruptible mid-way); the
 * evaluation after the step is still the full objective, so every trajectory loss and gradient
 * norm is exact and the stopping rules see true values. That full pass costs m rows per step: a
 * minibatch run is about (1 + b/m) times the work of a full-gradient run per step, in exchange for
 * the noise a stochastic method needs and exact reporting.
 *
 * <p>When the chain ends in {@link ScaleByLearningRate} (all recipes but Rprop and QuickProp), that
 * stage is folded into the subtraction, x ← x − step·η, which saves a read and a write of the step
 * array: on large problems a step is bound by memory traffic. The products and the order of the
 * operations are those of the separate stage, so the results are the same to the bit.
 */
final class RuleOptimizer implements Optimizer {
    private final UpdateRule<Object> rule;
    private final Object state;
    private final double[] step;
    private final Minibatches batches;
    private final Chain chain;        // set when the last stage is folded into the subtraction
    private final Schedule rate;

    RuleOptimizer(UpdateRule<?> rule, int n) {
        this(rule, n, null);
    }

    @SuppressWarnings("unchecked")
    private RuleOptimizer(UpdateRule<?> rule, int n, Minibatches batches) {
        // The state never leaves this object, so erasing its type loses nothing.
        this.rule = (UpdateRule<Object>) rule;
        this.state = rule.init(n);
        this.step = new double[n];
        this.batches = batches;
        if (rule instanceof Chain c && c.last() instanceof ScaleByLearningRate last) {
            chain = c;
            rate = last.schedule();
        } else {
            chain = null;
            rate = null;
        }
    }

    /**
     * Minibatches of {@code batchSize} rows (at most all rows) seeded by {@code seed} when the size is
     * given and the problem is a mean over rows; otherwise the full gradient.
     */
    static RuleOptimizer of(UpdateRule<?> rule, Problem problem, Integer batchSize, long seed) {
        Minibatches batches = batchSize != null && problem instanceof RowSampled rows
                ? new Minibatches(rows, batchSize, seed) : null;
        return new RuleOptimizer(rule, problem.dimension(), batches);
    }

    @Override
    public Halt step(Iterate it, long t) {
        double[] x = it.x();
        if (batches == null) {
            System.arraycopy(it.g(), 0, step, 0, step.length);
        } else {
            batches.next();
            batches.valueAndGradient(x, step);
        }
        if (chain == null) {
            rule.update(step, state, x, t);
            for (int i = 0; i < x.length; i++) x[i] -= step[i];
        } else {
            chain.updateAllButLast(step, (Object[]) state, x, t);
            double lr = rate.at(t - 1);
            for (int i = 0; i < x.length; i++) x[i] -= step[i] * lr;
        }
        it.evaluate();
        return null;
    }

    /** The minibatch source, or null for full gradients (for tests). */
    Minibatches batches() {
        return batches;
    }
}
