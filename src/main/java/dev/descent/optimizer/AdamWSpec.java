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

/**
 * AdamW with torch.optim.AdamW's parameters: the weight decay is decoupled, x ← x·(1 − η·wd) and
 * then the Adam step on the plain gradient (no L2 term in the moments).
 */
@Describe(value = "AdamW: Adam with decoupled weight decay",
        reference = "Loshchilov & Hutter 2019, ICLR, Algorithm 2; torch.optim.AdamW (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record AdamWSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Decay of the first moment estimate") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
        @Describe("Decay of the second moment estimate") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
        @Describe("Added to the bias-corrected root of the second moment") @Positive Double epsilon,
        @Describe("AMSGrad: use the running maximum of the second moment") Boolean amsgrad,
        @Describe("Decoupled weight decay: x ← x·(1 − learningRate·weightDecay) before the Adam step") @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public AdamWSpec {
        learningRate = requireNonNullElse(learningRate, 1e-3);
        beta1 = requireNonNullElse(beta1, 0.9);
        beta2 = requireNonNullElse(beta2, 0.999);
        epsilon = requireNonNullElse(epsilon, 1e-8);
        amsgrad = requireNonNullElse(amsgrad, false);
        weightDecay = requireNonNullElse(weightDecay, 1e-2);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.adamw(this, schedule), problem, seed);
    }
}
