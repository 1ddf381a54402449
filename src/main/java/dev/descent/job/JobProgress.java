package dev.descent.job;

/** Where a running job is; the last snapshot of a finished one. */
public record JobProgress(long iteration, Double loss, Double gradientNorm, Double learningRate, double elapsedMillis) {}
