package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * The rate moves linearly from startFactor·η to endFactor·η over decaySteps, then stays. As torch,
 * recursively: lr_t = lr_{t−1}·(1 + (e − s)/(N·s + (t − 1)(e − s))) for t ≤ N.
 */
@Describe(value = "Linear change of the rate from startFactor·η to endFactor·η over decaySteps",
        reference = "torch.optim.lr_scheduler.LinearLR")
public record LinearSchedule(
        @Describe("Multiple of η at step 0") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double startFactor,
        @Describe("Multiple of η from step decaySteps on") @DecimalMin("0") @DecimalMax("1") Double endFactor,
        @Describe("Steps of the linear change, total_iters") @Min(1) Integer decaySteps,
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public LinearSchedule {   // torch's defaults
        startFactor = requireNonNullElse(startFactor, 1.0 / 3);
        endFactor = requireNonNullElse(endFactor, 1.0);
        decaySteps = requireNonNullElse(decaySteps, 5);
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public Schedule create(double learningRate) {
        double s = startFactor, e = endFactor;
        int N = decaySteps;
        return new Recurrence(learningRate * s, (t, lr) -> t > N ? lr : lr * (1. + (e - s) / (N * s + (t - 1) * (e - s))));
    }
}
