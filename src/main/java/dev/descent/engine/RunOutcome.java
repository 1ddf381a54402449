package dev.descent.engine;

import dev.descent.stopping.StopReason;

/**
 * How a run ended. For CANCELLED, DIVERGED and TIME_LIMIT, {@code x} is the best point reached;
 * otherwise the final point.
 */
public record RunOutcome(double[] x, double loss, double gradientNorm, long iterations,
                         long functionEvaluations, long gradientEvaluations,
                         StopReason stopReason, String message) {}
