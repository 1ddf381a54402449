package dev.descent.optimizer;

/** Clamps every coordinate of the step to [−maxValue, maxValue] (torch 1.13 {@code clip_grad_value_}). */
record ClipByValue(double maxValue) implements UpdateRule<Void> {

    @Override
    public Void init(int n) {
        return null;
    }

    @Override
    public void update(double[] g, Void state, double[] x, long t) {
        for (int i = 0; i < g.length; i++) g[i] = Math.max(-maxValue, Math.min(maxValue, g[i]));
    }
}
