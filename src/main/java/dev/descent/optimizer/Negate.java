package dev.descent.optimizer;

/**
 * g ← −g, so that x ← x − step ascends: torch 1.13's {@code maximize=True}, which negates the
 * gradient before weight decay and the optimizer's moments.
 */
record Negate() implements UpdateRule<Void> {

    @Override
    public Void init(int n) {
        return null;
    }

    @Override
    public void update(double[] g, Void state, double[] x, long t) {
        for (int i = 0; i < g.length; i++) g[i] = -g[i];
    }
}
