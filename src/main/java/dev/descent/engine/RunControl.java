package dev.descent.engine;

import dev.descent.stopping.StopReason;

/**
 * The outside world's handle on a run: a cancel request and a wall-clock deadline, both checked
 * by the loop between steps and before every evaluation (so a long line search stops too).
 */
public final class RunControl {
    private final long deadlineNanos;
    private volatile boolean cancelled;

    /** @param deadlineNanos a {@link System#nanoTime()} value, or {@link Long#MAX_VALUE} for none */
    public RunControl(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public static RunControl unlimited() {
        return new RunControl(Long.MAX_VALUE);
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelRequested() {
        return cancelled;
    }

    /** CANCELLED, TIME_LIMIT, or null to go on. */
    public StopReason pending() {
        if (cancelled) return StopReason.CANCELLED;
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0) return StopReason.TIME_LIMIT;
        return null;
    }

    void check() {
        StopReason reason = pending();
        if (reason != null) throw new StopRequested(reason);
    }
}
