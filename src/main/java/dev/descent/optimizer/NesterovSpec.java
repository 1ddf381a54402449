package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** SGD with Nesterov momentum in torch.optim.SGD's form (nesterov=True, no dampening): x ← x − η·(g + μ·buf). */
@Describe(value = "Gradient descent with Nesterov momentum",
        reference = "Nesterov 1983; Sutskever, Martens, Dahl & Hinton 2013; torch.optim.SGD with nesterov=True (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record NesterovSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Momentum factor μ > 0") @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double momentum,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public NesterovSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        momentum = requireNonNullElse(momentum, 0.9);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.nesterov(this, schedule), problem, seed);
    }
}
