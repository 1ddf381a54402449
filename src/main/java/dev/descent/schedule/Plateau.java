package dev.descent.schedule;

import java.util.Map;
import java.util.TreeMap;

/**
 * The state of torch's ReduceLROnPlateau (mode 'min') for one run: {@code observe} is its
 * {@code step(metrics)}. Each reduction is kept with the step whose loss caused it, so {@code at(t)}
 * answers the rate after the losses of steps up to t for any t already observed; past the last
 * observation it is the current rate.
 */
final class Plateau implements Schedule {

    private final double base, factor, threshold, minRate, eps;
    private final int patience, cooldown;
    private final boolean absolute;
    /** Step of each reduction → the rate from then on; one entry per reduction, so few. */
    private final TreeMap<Long, Double> reductions = new TreeMap<>();

    private double rate;
    private double best = Double.POSITIVE_INFINITY;   // torch's mode_worse for 'min'
    private int badSteps;
    private int cooldownLeft;
    private long lastObserved = Long.MIN_VALUE;

    Plateau(double base, double factor, int patience, double threshold, boolean absolute, int cooldown,
            double minRate, double eps) {
        this.base = base;
        this.rate = base;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.absolute = absolute;
        this.cooldown = cooldown;
        this.minRate = minRate;
        this.eps = eps;
    }

    @Override
    public void observe(long step, double loss) {
        if (step <= lastObserved) {
            throw new IllegalStateException("steps must be observed in increasing order: " + step + " after " + lastObserved);
        }
        lastObserved = step;
        if (isBetter(loss)) {
            best = loss;
            badSteps = 0;
        } else {
            badSteps++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badSteps = 0;   // bad steps in cooldown are ignored
        }
        if (badSteps > patience) {
            double reduced = Math.max(rate * factor, minRate);
            if (rate - reduced > eps) {
                rate = reduced;
                reductions.put(step, reduced);
            }
            cooldownLeft = cooldown;
            badSteps = 0;
        }
    }

    private boolean isBetter(double loss) {
        return absolute ? loss < best - threshold : loss < best * (1. - threshold);
    }

    @Override
    public double at(long step) {
        if (step < 0) throw new IllegalArgumentException("step must be non-negative: " + step);
        Map.Entry<Long, Double> last = reductions.floorEntry(step);
        return last == null ? base : last.getValue();
    }
}
