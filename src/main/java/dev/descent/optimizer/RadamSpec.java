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

/** RAdam with torch.optim.RAdam's parameters and defaults. */
@Describe(value = "RAdam: Adam with the variance of the adaptive rate rectified in early steps",
        reference = "Liu et al. 2020, ICLR, On the Variance of the Adaptive Learning Rate and Beyond, Algorithm 2; torch.optim.RAdam (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record RadamSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Decay of the first moment estimate") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
        @Describe("Decay of the second moment estimate") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
        @Describe("Added to the root of the second moment") @Positive Double epsilon,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public RadamSpec {
        learningRate = requireNonNullElse(learningRate, 1e-3);
        beta1 = requireNonNullElse(beta1, 0.9);
        beta2 = requireNonNullElse(beta2, 0.999);
        epsilon = requireNonNullElse(epsilon, 1e-8);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.radam(this, schedule), problem, seed);
    }
}
