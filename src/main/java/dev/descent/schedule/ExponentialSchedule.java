package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

@Describe(value = "Multiplies the rate by gamma every step", reference = "torch.optim.lr_scheduler.ExponentialLR")
public record ExponentialSchedule(
        @Describe("Factor applied each step (required)") @Positive Double gamma,
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public ExponentialSchedule {
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public void check(Violations violations) {
        violations.check(gamma != null, "gamma", "is required");
    }

    @Override
    public Schedule create(double learningRate) {
        double g = gamma;
        return new Recurrence(learningRate, (t, lr) -> lr * g);
    }
}
