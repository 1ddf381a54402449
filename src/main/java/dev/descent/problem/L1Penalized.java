package dev.descent.problem;

/**
 * A problem f(x) = s(x) + Σⱼ λⱼ|xⱼ| with s smooth and λⱼ ≥ 0, whose gradient is the subgradient
 * ∇s(x) + λ·sign(x) (sign(0) = 0), so ∇s is that gradient minus λ·sign(x). Optimizers that treat the
 * l1 term by its own rule (OWL-QN in {@code lbfgs}) read the weights here.
 */
public interface L1Penalized {

    /** λⱼ for every coordinate into {@code out} (length {@link Problem#dimension()}); 0 where unpenalized. */
    void l1Weights(double[] out);
}
