package dev.descent.optimizer;

import dev.descent.linalg.Vectors;

/**
 * Rescales the step to Euclidean norm at most {@code maxNorm}, as torch 1.13
 * {@code clip_grad_norm_}: g ← g·min(maxNorm / (‖g‖₂ + 1e-6), 1). The 1e-6 is torch's; it makes a
 * gradient exactly at the cap shrink slightly, which the conformance data depend on.
 */
record ClipByNorm(double maxNorm) implements UpdateRule<Void> {

    @Override
    public Void init(int n) {
        return null;
    }

    @Override
    public void update(double[] g, Void state, double[] x, long t) {
        double coefficient = Math.min(maxNorm / (Vectors.norm2(g) + 1e-6), 1.0);
        Vectors.scale(coefficient, g);
    }
}
