package dev.descent.stopping;

/** Why a run ended, as reported in {@code result.stopReason}. */
public enum StopReason {
    GRADIENT_TOLERANCE,
    FUNCTION_TOLERANCE,
    STEP_TOLERANCE,
    TARGET_REACHED,
    MAX_ITERATIONS,
    MAX_EVALUATIONS,
    PATIENCE,
    TIME_LIMIT,
    CANCELLED,
    DIVERGED,
    /** A direct solver produced the exact solution. */
    SOLVED
}
