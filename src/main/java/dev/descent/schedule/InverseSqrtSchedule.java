package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import jakarta.validation.constraints.Min;

/** η/√max(1, t): the decay of Vaswani et al. 2017, eq. 3, without its built-in warm-up (use warmupSteps). */
@Describe(value = "η/√max(1, t)", reference = "Vaswani et al. 2017, Attention Is All You Need, eq. 3")
public record InverseSqrtSchedule(
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public InverseSqrtSchedule {
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public Schedule create(double learningRate) {
        return t -> learningRate / Math.sqrt(Math.max(1, t));
    }
}
