package dev.descent.engine;

import dev.descent.stopping.StopReason;

/** Thrown out of an evaluation when a stop was requested, abandoning the step in progress. */
final class StopRequested extends RuntimeException {
    private final StopReason reason;

    StopRequested(StopReason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    StopReason reason() {
        return reason;
    }
}
