package dev.descent.optimizer;

/**
 * Zeiler 2012, Algorithm 1, as torch 1.13 Adadelta: v ← ρ·v + (1 − ρ)·g²;
 * δ = √(u + ε) / √(v + ε)·g (ε inside both roots); u ← ρ·u + (1 − ρ)·δ². The learning rate (torch's
 * default 1.0, absent in the paper) scales δ in the following stage.
 */
record ScaleByAdadelta(double rho, double epsilon) implements UpdateRule<ScaleByAdadelta.Accumulators> {

    record Accumulators(double[] squares, double[] deltas) implements java.io.Serializable {}

    @Override
    public Accumulators init(int n) {
        return new Accumulators(new double[n], new double[n]);
    }

    @Override
    public void update(double[] g, Accumulators s, double[] x, long t) {
        double[] v = s.squares(), u = s.deltas();
        for (int i = 0; i < g.length; i++) {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
            double delta = Math.sqrt(u[i] + epsilon) / Math.sqrt(v[i] + epsilon) * g[i];
            u[i] = rho * u[i] + (1 - rho) * delta * delta;
            g[i] = delta;
        }
    }
}
