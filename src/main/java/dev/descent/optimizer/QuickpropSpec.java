package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * QuickProp: a per-coordinate secant (parabola) step with a maximum growth factor, falling back
 * to a gradient step; the exact variant is documented on {@link ScaleByQuickprop}.
 */
@Describe(value = "QuickProp: per-coordinate secant steps from the last two gradients",
        reference = "Fahlman 1988, Faster-Learning Variations on Back-Propagation: An Empirical Study, Proc. Connectionist Models Summer School")
@Requires({Capability.GRADIENT})
public record QuickpropSpec(
        @Describe("Step size of the gradient steps (first step, or when the secant is undefined)") @Positive Double learningRate,
        @Describe("Maximum growth factor μ: a step is at most μ times the previous one") @Positive Double maxGrowth,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public QuickpropSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        maxGrowth = requireNonNullElse(maxGrowth, 1.75);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.quickprop(this, schedule), problem, seed);
    }
}
