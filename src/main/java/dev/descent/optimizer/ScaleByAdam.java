package dev.descent.optimizer;

/**
 * Kingma & Ba 2015, Algorithm 1, in torch 1.13's arithmetic: denom = √v / √(1 − β2ᵗ) + ε (ε after
 * the bias-corrected root, not inside it), step = m / (1 − β1ᵗ) / denom. AMSGrad (Reddi et al. 2018)
 * keeps the running maximum of the raw v, as torch does, and uses it in place of v. Without bias
 * correction both corrections are dropped. β₁ may follow a one-cycle schedule ({@link MomentumFactor});
 * the corrections use the current β₁, as torch's {@code 1 − beta1 ** step} does.
 */
record ScaleByAdam(MomentumFactor beta1, double beta2, double epsilon, boolean amsgrad, boolean biasCorrection)
        implements UpdateRule<ScaleByAdam.Moments> {

    ScaleByAdam(double beta1, double beta2, double epsilon, boolean amsgrad, boolean biasCorrection) {
        this(MomentumFactor.fixed(beta1), beta2, epsilon, amsgrad, biasCorrection);
    }

    record Moments(double[] m, double[] v, double[] vMax) implements java.io.Serializable {}

    @Override
    public Moments init(int n) {
        return new Moments(new double[n], new double[n], amsgrad ? new double[n] : null);
    }

    @Override
    public void update(double[] g, Moments s, double[] x, long t) {
        double beta1 = this.beta1.at(t);
        double c1 = biasCorrection ? 1 - Math.pow(beta1, t) : 1;
        double c2Sqrt = biasCorrection ? Math.sqrt(1 - Math.pow(beta2, t)) : 1;
        double[] m = s.m(), v = s.v(), vMax = s.vMax();
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double second = v[i];
            if (amsgrad) {
                vMax[i] = Math.max(vMax[i], v[i]);
                second = vMax[i];
            }
            double denom = Math.sqrt(second) / c2Sqrt + epsilon;
            g[i] = m[i] / c1 / denom;
        }
    }
}
