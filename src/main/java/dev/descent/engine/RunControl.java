package dev.descent.engine;

import dev.descent.stopping.StopReason;

/**
 * The outside world's handle on a run: a cancel request and a wall-clock deadline, both checked
 * by the loop between steps and before every evaluation (so a long line search stops too).
 */
public final class RunControl {
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean cancelled;
    private volatile boolean checkpointRequested, stopAfterCheckpoint;

    /** Sets the deadline, a {@link System#nanoTime()} value. */
    public void deadline(long nanoTime) {
        deadlineNanos = nanoTime;
    }

    public void cancel() {
        cancelled = true;
    }

    /** Asks the run for a checkpoint after its current step, and to stop once it has made it. */
    public void checkpointAndStop() {
        stopAfterCheckpoint = true;
        checkpointRequested = true;
    }

    boolean checkpointRequested() {
        return checkpointRequested;
    }

    boolean stopAfterCheckpoint() {
        return stopAfterCheckpoint;
    }

    public boolean cancelRequested() {
        return cancelled;
    }

    /** CANCELLED, TIME_LIMIT, or null to go on. */
    public StopReason pending() {
        if (cancelled) return StopReason.CANCELLED;
        long deadline = deadlineNanos;
        if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) return StopReason.TIME_LIMIT;
        return null;
    }

    void check() {
        StopReason reason = pending();
        if (reason != null) throw new StopRequested(reason);
    }
}
