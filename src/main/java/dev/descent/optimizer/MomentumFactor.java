package dev.descent.optimizer;

import dev.descent.schedule.Schedule;

/**
 * A momentum coefficient (SGD and RMSprop momentum, the β₁ of the Adam family) that a schedule may
 * override: step t uses {@code schedule.momentumAt(t − 1)} when that is a number, as torch's
 * OneCycleLR with {@code cycle_momentum} writes {@code momentum} or {@code betas[0]} into the
 * parameter group before the step; otherwise the configured value.
 */
record MomentumFactor(double value, Schedule schedule) implements java.io.Serializable {

    static MomentumFactor fixed(double value) {
        return new MomentumFactor(value, null);
    }

    double at(long t) {
        if (schedule == null) return value;
        double scheduled = schedule.momentumAt(t - 1);
        return Double.isNaN(scheduled) ? value : scheduled;
    }
}
