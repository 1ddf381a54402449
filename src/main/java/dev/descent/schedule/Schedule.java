package dev.descent.schedule;

/**
 * The learning rate in effect after {@code step} steps, i.e. the one the next step uses
 * (torch's {@code get_last_lr()} after that many {@code scheduler.step()} calls).
 * A schedule instance belongs to one run; the run loop calls {@link #at} with t = 0, 1, 2, … in order.
 */
@FunctionalInterface
public interface Schedule extends java.io.Serializable {

    double at(long step);

    /**
     * The momentum (SGD momentum, RMSprop momentum, Adam's β₁) in effect after {@code step} steps,
     * for schedules that cycle it (one-cycle); NaN when the schedule leaves momentum alone.
     */
    default double momentumAt(long step) {
        return Double.NaN;
    }

    /** Told the loss after each step, for schedules that react to it (reduce-on-plateau). */
    default void observe(long step, double loss) {}
}
