package dev.descent.optimizer;

/**
 * NAdam, Dozat 2016, with the momentum schedule μₜ = β₁·(1 − ½·0.96^(t·ψ)), in torch 1.13's
 * arithmetic (later torch releases differ): Πₜ = Πₜ₋₁·μₜ; m, v as Adam; denom = √(v / (1 − β₂ᵗ)) + ε;
 * step = (1 − μₜ)/(1 − Πₜ)·g/denom + μₜ₊₁/(1 − Πₜ·μₜ·μₜ₊₁)·m/denom. The second denominator has μₜ
 * twice because torch 1.13 computes {@code mu_product_next = mu_product * mu * mu_next} after
 * {@code mu_product *= mu}; it is kept so trajectories match torch 1.13.
 */
record ScaleByNadam(MomentumFactor beta1, double beta2, double epsilon, double momentumDecay)
        implements UpdateRule<ScaleByNadam.Moments> {

    static final class Moments implements java.io.Serializable {
        final double[] m;
        final double[] v;
        double muProduct = 1;

        Moments(int n) {
            m = new double[n];
            v = new double[n];
        }
    }

    @Override
    public Moments init(int n) {
        return new Moments(n);
    }

    @Override
    public void update(double[] g, Moments s, double[] x, long t) {
        double beta1 = this.beta1.at(t);
        double c2 = 1 - Math.pow(beta2, t);
        double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
        double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
        s.muProduct *= mu;
        double muProductNext = s.muProduct * mu * muNext;
        double gradientWeight = (1 - mu) / (1 - s.muProduct);
        double momentumWeight = muNext / (1 - muProductNext);
        double[] m = s.m, v = s.v;
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double denom = Math.sqrt(v[i] / c2) + epsilon;
            g[i] = gradientWeight * g[i] / denom + momentumWeight * m[i] / denom;
        }
    }
}
