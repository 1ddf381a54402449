package dev.descent.optimizer;

/**
 * Adamax, Kingma & Ba 2015, Algorithm 2 (the infinity norm), as torch 1.13: m ← β₁·m + (1 − β₁)·g;
 * u ← max(β₂·u, |g| + ε) (ε inside the max); step = m / (1 − β₁ᵗ) / u.
 */
record ScaleByAdamax(MomentumFactor beta1, double beta2, double epsilon) implements UpdateRule<ScaleByAdamax.Moments> {

    record Moments(double[] m, double[] u) implements java.io.Serializable {}

    @Override
    public Moments init(int n) {
        return new Moments(new double[n], new double[n]);
    }

    @Override
    public void update(double[] g, Moments s, double[] x, long t) {
        double beta1 = this.beta1.at(t);
        double c1 = 1 - Math.pow(beta1, t);
        double[] m = s.m(), u = s.u();
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            u[i] = Math.max(beta2 * u[i], Math.abs(g[i]) + epsilon);
            g[i] = m[i] / c1 / u[i];
        }
    }
}
