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

/** NAdam with torch.optim.NAdam's parameters and defaults, in torch 1.13's arithmetic (lr 2e-3). */
@Describe(value = "NAdam: Adam with Nesterov momentum and a warming momentum schedule",
        reference = "Dozat 2016, ICLR workshop, Incorporating Nesterov Momentum into Adam; torch.optim.NAdam (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record NadamSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Decay of the first moment estimate") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
        @Describe("Decay of the second moment estimate") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
        @Describe("Added to the bias-corrected root of the second moment") @Positive Double epsilon,
        @Describe("ψ in the momentum schedule μₜ = β₁·(1 − ½·0.96^(t·ψ))") @PositiveOrZero Double momentumDecay,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public NadamSpec {
        learningRate = requireNonNullElse(learningRate, 2e-3);
        beta1 = requireNonNullElse(beta1, 0.9);
        beta2 = requireNonNullElse(beta2, 0.999);
        epsilon = requireNonNullElse(epsilon, 1e-8);
        momentumDecay = requireNonNullElse(momentumDecay, 4e-3);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.nadam(this, schedule), problem, seed);
    }
}
