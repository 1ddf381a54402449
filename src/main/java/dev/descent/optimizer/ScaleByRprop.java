package dev.descent.optimizer;

import dev.descent.schedule.Schedule;

/**
 * Rprop, Riedmiller & Braun 1993, in torch 1.13's variant (Rprop without weight backtracking):
 * per coordinate, s = sign(g·prev); the step size is multiplied by etaPlus (s > 0), etaMinus
 * (s < 0) or 1 (s = 0) and clamped to [minStep, maxStep] on every step, the first included; where
 * s < 0 the gradient is zeroed, so that coordinate stays put and the next step uses factor 1; the
 * step is sign(g)·size; prev ← g after the zeroing. Sizes start at the learning rate of the first
 * step (torch fills them from {@code lr} when the state is made), so a schedule has no effect after
 * that, as in torch. This rule produces the whole step: no learning-rate stage follows it.
 */
record ScaleByRprop(Schedule learningRate, double etaMinus, double etaPlus, double minStep, double maxStep)
        implements UpdateRule<ScaleByRprop.Steps> {

    static final class Steps implements java.io.Serializable {
        final double[] previous;
        final double[] size;
        boolean started;

        Steps(int n) {
            previous = new double[n];
            size = new double[n];
        }
    }

    @Override
    public Steps init(int n) {
        return new Steps(n);
    }

    @Override
    public void update(double[] g, Steps s, double[] x, long t) {
        if (!s.started) {
            java.util.Arrays.fill(s.size, learningRate.at(t - 1));
            s.started = true;
        }
        double[] previous = s.previous, size = s.size;
        for (int i = 0; i < g.length; i++) {
            double sign = Math.signum(g[i] * previous[i]);
            double factor = sign > 0 ? etaPlus : sign < 0 ? etaMinus : 1;
            size[i] = Math.min(maxStep, Math.max(minStep, size[i] * factor));
            double gi = sign < 0 ? 0 : g[i];
            previous[i] = gi;
            g[i] = Math.signum(gi) * size[i];
        }
    }
}
