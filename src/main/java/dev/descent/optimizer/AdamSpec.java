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

/** Adam with torch.optim.Adam's parameters (coupled weight decay); defaults of Kingma & Ba 2015, section 2. */
@Describe(value = "Adam: steps scaled by bias-corrected first and second moment estimates",
        reference = "Kingma & Ba 2015, ICLR, Algorithm 1; Reddi, Kale & Kumar 2018 (AMSGrad); torch.optim.Adam (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record AdamSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Decay of the first moment estimate") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
        @Describe("Decay of the second moment estimate") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
        @Describe("Added to the bias-corrected root of the second moment") @Positive Double epsilon,
        @Describe("AMSGrad: use the running maximum of the second moment") Boolean amsgrad,
        @Describe("Divide the moments by 1 − βᵗ; false drops both corrections") Boolean biasCorrection,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public AdamSpec {
        learningRate = requireNonNullElse(learningRate, 1e-3);
        beta1 = requireNonNullElse(beta1, 0.9);
        beta2 = requireNonNullElse(beta2, 0.999);
        epsilon = requireNonNullElse(epsilon, 1e-8);
        amsgrad = requireNonNullElse(amsgrad, false);
        biasCorrection = requireNonNullElse(biasCorrection, true);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.adam(this, schedule), problem, seed);
    }
}
