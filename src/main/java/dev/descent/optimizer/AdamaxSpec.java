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

/** Adamax with torch.optim.Adamax's parameters and defaults (lr 2e-3). */
@Describe(value = "Adamax: Adam with the infinity norm in place of the second moment",
        reference = "Kingma & Ba 2015, ICLR, Algorithm 2 (section 7.1); torch.optim.Adamax (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record AdamaxSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Decay of the first moment estimate") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
        @Describe("Decay of the running maximum of |g|") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
        @Describe("Added to |g| inside the running maximum") @Positive Double epsilon,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public AdamaxSpec {
        learningRate = requireNonNullElse(learningRate, 2e-3);
        beta1 = requireNonNullElse(beta1, 0.9);
        beta2 = requireNonNullElse(beta2, 0.999);
        epsilon = requireNonNullElse(epsilon, 1e-8);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.adamax(this, schedule), problem, seed);
    }
}
