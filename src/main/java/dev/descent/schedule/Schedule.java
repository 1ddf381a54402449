package dev.descent.schedule;

/**
 * The learning rate in effect after {@code step} steps, i.e. the one the next step uses
 * (torch's {@code get_last_lr()} after that many {@code scheduler.step()} calls).
 * A schedule instance belongs to one run; the run loop calls {@link #at} with t = 0, 1, 2, … in order.
 */
@FunctionalInterface
public interface Schedule {

    double at(long step);

    /** Told the loss after each step, for schedules that react to it (reduce-on-plateau). */
    default void observe(long step, double loss) {}
}
