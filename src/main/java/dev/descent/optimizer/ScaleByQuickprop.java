package dev.descent.optimizer;

import dev.descent.schedule.Schedule;

/**
 * QuickProp, Fahlman 1988 ("Faster-learning variations on back-propagation: an empirical study",
 * Proc. 1988 Connectionist Models Summer School, eq. for Δw(t)): each coordinate fits a parabola
 * through the last two gradients and jumps to its vertex, Δx = g/(g_prev − g)·Δx_prev, with step s
 * = −Δx as this rule writes it (x ← x − s). The variant implemented:
 * <ul>
 *   <li>a gradient step s = lr·g when the previous step of that coordinate was 0 (the first step)
 *       or the denominator g_prev − g is 0;</li>
 *   <li>Fahlman's maximum growth factor μ: when g has the sign of g_prev and
 *       |g| ≥ μ/(1 + μ)·|g_prev| (the secant would step more than μ times the previous step, or
 *       uphill), the step is μ·s_prev;</li>
 *   <li>otherwise the secant step s = g/(g_prev − g)·s_prev.</li>
 * </ul>
 * Fahlman's optional extra term ε·g added to the secant step and his weight-decay term are not
 * included (the common {@code weightDecay} option adds a coupled L2 term before this rule). The
 * rule produces the whole step: no learning-rate stage follows it.
 */
record ScaleByQuickprop(Schedule learningRate, double maxGrowth) implements UpdateRule<ScaleByQuickprop.History> {

    record History(double[] gradient, double[] step) implements java.io.Serializable {}

    @Override
    public History init(int n) {
        return new History(new double[n], new double[n]);
    }

    @Override
    public void update(double[] g, History h, double[] x, long t) {
        double lr = learningRate.at(t - 1);
        double shrink = maxGrowth / (1 + maxGrowth);
        double[] gPrev = h.gradient(), sPrev = h.step();
        for (int i = 0; i < g.length; i++) {
            double gi = g[i], denominator = gPrev[i] - gi, s;
            if (sPrev[i] == 0 || denominator == 0) {
                s = lr * gi;
            } else if (gi * gPrev[i] > 0 && Math.abs(gi) >= shrink * Math.abs(gPrev[i])) {
                s = maxGrowth * sPrev[i];
            } else {
                s = gi / denominator * sPrev[i];
            }
            gPrev[i] = gi;
            sPrev[i] = s;
            g[i] = s;
        }
    }
}
