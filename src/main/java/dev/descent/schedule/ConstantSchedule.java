package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import jakarta.validation.constraints.Min;

@Describe(value = "The optimizer's learning rate at every step", reference = "torch.optim without an lr_scheduler")
public record ConstantSchedule(
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public ConstantSchedule {
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public Schedule create(double learningRate) {
        return t -> learningRate;
    }
}
