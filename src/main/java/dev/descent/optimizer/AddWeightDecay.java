package dev.descent.optimizer;

/**
 * Coupled L2 regularisation, g ← g + wd·x, as torch 1.13 SGD, Adagrad, RMSprop and Adam apply
 * {@code weight_decay} before their moments (unlike AdamW's decoupled decay, Loshchilov & Hutter 2019).
 */
record AddWeightDecay(double weightDecay) implements UpdateRule<Void> {

    @Override
    public Void init(int n) {
        return null;
    }

    @Override
    public void update(double[] g, Void state, double[] x, long t) {
        for (int i = 0; i < g.length; i++) g[i] += weightDecay * x[i];
    }
}
