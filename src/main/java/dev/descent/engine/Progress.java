package dev.descent.engine;

/**
 * A snapshot of a running job: where it is now and the best point so far (a copy, so a job
 * stopped from outside can still report the best point reached).
 */
public record Progress(long iteration, double loss, double gradientNorm, double learningRate, double elapsedMillis,
                       long functionEvaluations, long gradientEvaluations,
                       double[] bestX, double bestLoss, double bestGradientNorm) {}
