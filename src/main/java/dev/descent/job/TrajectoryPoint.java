package dev.descent.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One recorded iteration: the state after {@code iteration} steps. Non-finite numbers are null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrajectoryPoint(long iteration, Double loss, Double gradientNorm, Double learningRate,
                              double elapsedMillis, double[] x) {}
