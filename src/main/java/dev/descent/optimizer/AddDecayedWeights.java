package dev.descent.optimizer;

/**
 * Decoupled weight decay (Loshchilov & Hutter 2019), g ← g + wd·x placed after the adaptive
 * scaling and before the learning rate (optax {@code add_decayed_weights}), so the update is
 * x ← x − lr·(u + wd·x) = x·(1 − lr·wd) − lr·u: torch 1.13 AdamW's {@code param.mul_(1 − lr·wd)}
 * followed by the Adam step, equal up to rounding.
 */
record AddDecayedWeights(double weightDecay) implements UpdateRule<Void> {

    @Override
    public Void init(int n) {
        return null;
    }

    @Override
    public void update(double[] g, Void state, double[] x, long t) {
        for (int i = 0; i < g.length; i++) g[i] += weightDecay * x[i];
    }
}
