package dev.descent.analysis;

import dev.descent.spec.Describe;

/** The analytic gradient against centered differences at one point. */
@Describe("Analytic gradient against centered finite differences")
public record GradientCheck(
        @Describe("Number of variables") int dimension,
        @Describe("f at the point") double value,
        @Describe("The problem's own gradient") double[] analytic,
        @Describe("(f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ") double[] numeric,
        @Describe("Step per coordinate: hᵢ = ∛ε · max(1, |xᵢ|), ε the machine epsilon") double[] step,
        @Describe("|analyticᵢ − numericᵢ| / max(1, |analyticᵢ|, |numericᵢ|) per coordinate") double[] relativeError,
        @Describe("The largest relative error") double maxRelativeError,
        @Describe("Index of the coordinate with the largest relative error") int worstCoordinate,
        @Describe("Whether maxRelativeError ≤ tolerance") boolean ok,
        @Describe("The tolerance of ok") double tolerance) {}
