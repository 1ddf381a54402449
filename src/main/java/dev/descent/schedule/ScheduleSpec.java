package dev.descent.schedule;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.descent.spec.Violations;

/** A learning-rate schedule as a request describes it ({@code schedule.type}). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ConstantSchedule.class, name = "constant"),
        @JsonSubTypes.Type(value = StepSchedule.class, name = "step"),
        @JsonSubTypes.Type(value = ExponentialSchedule.class, name = "exponential"),
        @JsonSubTypes.Type(value = InverseTimeSchedule.class, name = "inverse-time"),
        @JsonSubTypes.Type(value = MultiStepSchedule.class, name = "multistep"),
        @JsonSubTypes.Type(value = InverseSqrtSchedule.class, name = "inverse-sqrt"),
        @JsonSubTypes.Type(value = PolynomialSchedule.class, name = "polynomial"),
        @JsonSubTypes.Type(value = LinearSchedule.class, name = "linear"),
        @JsonSubTypes.Type(value = CosineSchedule.class, name = "cosine"),
        @JsonSubTypes.Type(value = OneCycleSchedule.class, name = "one-cycle"),
        @JsonSubTypes.Type(value = ReduceOnPlateauSchedule.class, name = "reduce-on-plateau")
})
public sealed interface ScheduleSpec
        permits ConstantSchedule, StepSchedule, MultiStepSchedule, ExponentialSchedule, InverseTimeSchedule,
                InverseSqrtSchedule, PolynomialSchedule, LinearSchedule, CosineSchedule, OneCycleSchedule,
                ReduceOnPlateauSchedule {

    /** Steps of linear warm-up in front of the schedule (0: none). */
    Integer warmupSteps();

    /** Cross-field checks beyond bean validation. */
    default void check(Violations violations) {}

    /** The schedule itself for base rate η, without warm-up. */
    Schedule create(double learningRate);

    /** The schedule for base rate η with this spec's warm-up applied. */
    default Schedule build(double learningRate) {
        Schedule schedule = create(learningRate);
        int warmup = warmupSteps() == null ? 0 : warmupSteps();
        return warmup > 0 ? new Warmup(schedule, warmup) : schedule;
    }
}
