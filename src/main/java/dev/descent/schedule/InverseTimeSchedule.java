package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/** η/(1 + rate·t); torch has no class for it, Adagrad's lr_decay uses the same form. */
@Describe(value = "η/(1 + decayRate·t)", reference = "tf.keras.optimizers.schedules.InverseTimeDecay with decay_steps = 1")
public record InverseTimeSchedule(
        @Describe("Decay rate per step (required)") @PositiveOrZero Double decayRate,
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public InverseTimeSchedule {
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public void check(Violations violations) {
        violations.check(decayRate != null, "decayRate", "is required");
    }

    @Override
    public Schedule create(double learningRate) {
        double rate = decayRate;
        return t -> learningRate / (1 + rate * t);
    }
}
