package dev.descent.schedule;

/**
 * A schedule defined the way torch.optim.lr_scheduler computes most of its classes: lr_t from
 * lr_{t−1}. Following the recursion, not a closed form, keeps the rates equal to torch's to the
 * last bit. The run loop asks for t = 0, 1, 2, … in order, so each call costs one step; a repeated
 * t answers from the cache, and an earlier t replays the recursion from the start.
 */
final class Recurrence implements Schedule {

    /** lr_t given lr_{t−1}, for t ≥ 1. */
    @FunctionalInterface
    interface Rule extends java.io.Serializable {
        double next(long t, double previous);
    }

    private final double first;
    private final Rule rule;
    private long step;
    private double rate;

    Recurrence(double first, Rule rule) {
        this.first = first;
        this.rule = rule;
        this.rate = first;
    }

    @Override
    public double at(long t) {
        if (t < 0) throw new IllegalArgumentException("step must be non-negative: " + t);
        if (t < step) {
            step = 0;
            rate = first;
        }
        while (step < t) rate = rule.next(++step, rate);
        return rate;
    }
}
