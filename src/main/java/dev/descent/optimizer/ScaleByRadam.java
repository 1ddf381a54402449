package dev.descent.optimizer;

/**
 * Rectified Adam, Liu et al. 2020, Algorithm 2, as torch 1.13: ρ∞ = 2/(1 − β₂) − 1,
 * ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ), m̂ = m/(1 − β₁ᵗ). While ρₜ ≤ 5 (t ≤ 5 with β₂ = 0.999) the step is the
 * momentum m̂ alone; after, m̂·r·√(1 − β₂ᵗ)/(√v + ε) with the rectification
 * r = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ)) (ε added to the uncorrected √v, as torch does).
 */
record ScaleByRadam(MomentumFactor beta1, double beta2, double epsilon) implements UpdateRule<ScaleByRadam.Moments> {

    record Moments(double[] m, double[] v) implements java.io.Serializable {}

    @Override
    public Moments init(int n) {
        return new Moments(new double[n], new double[n]);
    }

    @Override
    public void update(double[] g, Moments s, double[] x, long t) {
        double beta1 = this.beta1.at(t);
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * t * Math.pow(beta2, t) / c2;
        boolean rectified = rhoT > 5;
        double r = rectified
                ? Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
        double c2Sqrt = Math.sqrt(c2);
        double[] m = s.m(), v = s.v();
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double corrected = m[i] / c1;
            g[i] = rectified ? corrected * (c2Sqrt / (Math.sqrt(v[i]) + epsilon)) * r : corrected;
        }
    }
}
