package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** As torch, a milestone listed k times multiplies the rate by gamma^k there. */
@Describe(value = "Multiplies the rate by gamma at each milestone step", reference = "torch.optim.lr_scheduler.MultiStepLR")
public record MultiStepSchedule(
        @Describe("Steps at which the rate decays (required)") List<@NotNull @Min(1) Integer> milestones,
        @Describe("Factor applied at each milestone") @Positive Double gamma,
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public MultiStepSchedule {
        // Not List.copyOf: a null element must reach validation, not fail here.
        milestones = milestones == null ? null : Collections.unmodifiableList(new ArrayList<>(milestones));
        gamma = requireNonNullElse(gamma, 0.1);
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public void check(Violations violations) {
        violations.check(milestones != null, "milestones", "is required");
    }

    @Override
    public Schedule create(double learningRate) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int m : milestones) counts.merge((long) m, 1, Integer::sum);
        double g = gamma;
        return new Recurrence(learningRate, (t, lr) -> {
            Integer k = counts.get(t);
            return k == null ? lr : lr * Math.pow(g, k);
        });
    }
}
