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

/** RMSprop with torch.optim.RMSprop's parameters; {@code rho} is torch's {@code alpha}. */
@Describe(value = "RMSprop: steps scaled by a running root mean square of the gradient",
        reference = "Tieleman & Hinton 2012, Coursera lecture 6.5; Graves 2013 (centered); torch.optim.RMSprop (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record RmspropSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Decay of the squared-gradient average (torch's alpha)") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double rho,
        @Describe("Added to the root mean square, outside the root") @Positive Double epsilon,
        @Describe("Divide by the centered second moment (an estimate of the variance)") Boolean centered,
        @Describe("Momentum factor μ on the scaled step") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public RmspropSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        rho = requireNonNullElse(rho, 0.99);
        epsilon = requireNonNullElse(epsilon, 1e-8);
        centered = requireNonNullElse(centered, false);
        momentum = requireNonNullElse(momentum, 0.0);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.rmsprop(this, schedule), problem, seed);
    }
}
