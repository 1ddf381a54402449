package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * (η − end)(1 − min(t, T)/T)^power + end, computed as torch's PolynomialLR does, recursively:
 * the excess over end shrinks by ((1 − t/T)/(1 − (t−1)/T))^power each step up to T. With end = 0
 * this is torch's class exactly; torch has no end rate.
 */
@Describe(value = "Polynomial decay from η to endLearningRate over decaySteps, then constant",
        reference = "torch.optim.lr_scheduler.PolynomialLR (plus an end rate, as optax.polynomial_schedule)")
public record PolynomialSchedule(
        @Describe("Steps until the rate reaches endLearningRate, T (required)") @Min(1) Integer decaySteps,
        @Describe("Exponent of the decay") @Positive Double power,
        @Describe("Rate from step decaySteps on") @PositiveOrZero Double endLearningRate,
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public PolynomialSchedule {
        power = requireNonNullElse(power, 1.0);
        endLearningRate = requireNonNullElse(endLearningRate, 0.0);
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public void check(Violations violations) {
        violations.check(decaySteps != null, "decaySteps", "is required");
    }

    @Override
    public Schedule create(double learningRate) {
        int T = decaySteps;
        double p = power, end = endLearningRate;
        return new Recurrence(learningRate, (t, lr) -> {
            if (t > T) return lr;
            double factor = Math.pow((1.0 - (double) t / T) / (1.0 - (double) (t - 1) / T), p);
            return (lr - end) * factor + end;
        });
    }
}
