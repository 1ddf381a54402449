package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Adagrad with torch.optim.Adagrad's parameters and defaults. */
@Describe(value = "Adagrad: per-coordinate steps scaled by the root of the summed squared gradients",
        reference = "Duchi, Hazan & Singer 2011, JMLR 12; torch.optim.Adagrad (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record AdagradSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Learning-rate decay: step t uses η / (1 + (t − 1)·lrDecay)") @PositiveOrZero Double lrDecay,
        @Describe("Starting value of the squared-gradient sum") @PositiveOrZero Double initialAccumulatorValue,
        @Describe("Added to the square root of the sum, outside the root") @Positive Double epsilon,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public AdagradSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        lrDecay = requireNonNullElse(lrDecay, 0.0);
        initialAccumulatorValue = requireNonNullElse(initialAccumulatorValue, 0.0);
        epsilon = requireNonNullElse(epsilon, 1e-10);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.adagrad(this, schedule), problem, seed);
    }
}
