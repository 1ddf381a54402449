package dev.descent.schedule;

/**
 * Linear warm-up in front of a schedule: for t &lt; W the rate climbs as η₀·(t+1)/W, where η₀ is the
 * inner schedule's first rate, reaching η₀ on step W; from then on the inner schedule runs with its
 * clock started at the end of warm-up (rate(t) = inner(t − W)). The ramp starts above zero so the
 * first step moves. The momentum a schedule drives (one-cycle) holds the inner schedule's first value
 * through warm-up and then follows the same shifted clock. Losses of steps before W are not passed
 * on; the loss of step W is the inner schedule's step 0.
 */
record Warmup(Schedule inner, int steps) implements Schedule {

    @Override
    public double at(long step) {
        if (step < steps) return inner.at(0) * (step + 1) / steps;
        return inner.at(step - steps);
    }

    @Override
    public double momentumAt(long step) {
        return inner.momentumAt(Math.max(0, step - steps));
    }

    @Override
    public void observe(long step, double loss) {
        if (step >= steps) inner.observe(step - steps, loss);
    }
}
