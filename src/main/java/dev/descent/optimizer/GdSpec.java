package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Plain gradient descent, x ← x − η·g (torch.optim.SGD without momentum); a schedule's momentum is ignored. */
@Describe(value = "Gradient descent with a fixed or scheduled learning rate",
        reference = "Cauchy 1847; torch.optim.SGD (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record GdSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public GdSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.gd(this, schedule), problem, seed);
    }
}
