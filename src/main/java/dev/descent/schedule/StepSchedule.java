package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

@Describe(value = "Multiplies the rate by gamma every stepSize steps", reference = "torch.optim.lr_scheduler.StepLR")
public record StepSchedule(
        @Describe("Steps between decays (required)") @Min(1) Integer stepSize,
        @Describe("Factor applied at each decay") @Positive Double gamma,
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public StepSchedule {
        gamma = requireNonNullElse(gamma, 0.1);
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public void check(Violations violations) {
        violations.check(stepSize != null, "stepSize", "is required");
    }

    @Override
    public Schedule create(double learningRate) {
        int size = stepSize;
        double g = gamma;
        return new Recurrence(learningRate, (t, lr) -> t % size == 0 ? lr * g : lr);
    }
}
