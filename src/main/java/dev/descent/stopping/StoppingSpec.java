package dev.descent.stopping;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;

/**
 * When a run stops. Every criterion is optional; a run stops at the first one met. Unset
 * tolerances are off, except the defaults below that keep a job from running forever.
 */
@Describe("Stopping criteria; the first one met ends the run")
public record StoppingSpec(
        @Describe("Most steps to take (inclusive cap from descent.limits.max-iterations)") @Min(0) Long maxIterations,
        @Describe("Most objective evaluations, line-search trials included") @Min(1) Long maxEvaluations,
        @Describe("Stop when ‖∇f‖∞ ≤ this") @PositiveOrZero Double gradientTolerance,
        @Describe("Stop when |f_k − f_{k−1}| ≤ this·max(|f_k|, |f_{k−1}|, 1)") @PositiveOrZero Double functionTolerance,
        @Describe("Stop when ‖x_k − x_{k−1}‖∞ ≤ this·(this + ‖x_k‖∞)") @PositiveOrZero Double stepTolerance,
        @Describe("Stop when f ≤ this") Double targetLoss,
        @Describe("Wall-clock limit (ISO-8601 duration); the job ends TIMED_OUT") Duration timeLimit,
        @Describe("Stop after this many steps without a new best loss") @Min(1) Long patience,
        @Describe("DIVERGED when |f − f₀| > this·max(1, |f₀|)") @DecimalMin(value = "1", inclusive = false) Double divergenceFactor) {

    public static final long DEFAULT_MAX_ITERATIONS = 1000;
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-8;
    public static final double DEFAULT_DIVERGENCE_FACTOR = 1e10;

    public StoppingSpec {
        maxIterations = requireNonNullElse(maxIterations, DEFAULT_MAX_ITERATIONS);
        gradientTolerance = requireNonNullElse(gradientTolerance, DEFAULT_GRADIENT_TOLERANCE);
        divergenceFactor = requireNonNullElse(divergenceFactor, DEFAULT_DIVERGENCE_FACTOR);
    }

    /** The defaults alone. */
    public static StoppingSpec defaults() {
        return new StoppingSpec(null, null, null, null, null, null, null, null, null);
    }

    public void check(Violations violations, Limits limits) {
        violations.check(maxIterations <= limits.maxIterations(), "maxIterations",
                "must be at most " + limits.maxIterations());
        if (timeLimit != null) {
            violations.check(!timeLimit.isNegative() && !timeLimit.isZero(), "timeLimit", "must be a positive duration");
        }
    }
}
