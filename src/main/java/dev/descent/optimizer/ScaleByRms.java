package dev.descent.optimizer;

/**
 * RMSprop (Tieleman & Hinton 2012, lecture 6.5; centered variant Graves 2013, eq. 38–40) as torch
 * 1.13: v ← ρ·v + (1 − ρ)·g² from 0 with no bias correction; centered: ḡ ← ρ·ḡ + (1 − ρ)·g and
 * the denominator is √(v − ḡ²) + ε; otherwise √v + ε (ε outside the root). torch's momentum buffer
 * (buf ← μ·buf + g/avg) is a {@link TraceMomentum} chained after this rule.
 */
record ScaleByRms(double rho, double epsilon, boolean centered) implements UpdateRule<ScaleByRms.Averages> {

    record Averages(double[] squares, double[] gradients) implements java.io.Serializable {}

    @Override
    public Averages init(int n) {
        return new Averages(new double[n], centered ? new double[n] : null);
    }

    @Override
    public void update(double[] g, Averages s, double[] x, long t) {
        double[] v = s.squares(), mean = s.gradients();
        for (int i = 0; i < g.length; i++) {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
            double avg;
            if (centered) {
                mean[i] = rho * mean[i] + (1 - rho) * g[i];
                avg = Math.sqrt(v[i] - mean[i] * mean[i]) + epsilon;
            } else {
                avg = Math.sqrt(v[i]) + epsilon;
            }
            g[i] = g[i] / avg;
        }
    }
}
