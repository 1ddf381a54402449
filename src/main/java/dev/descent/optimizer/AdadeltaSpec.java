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

/** Adadelta with torch.optim.Adadelta's parameters and defaults (lr 1.0, rho 0.9, eps 1e-6). */
@Describe(value = "Adadelta: steps scaled by the ratio of running roots of past updates and gradients",
        reference = "Zeiler 2012, arXiv:1212.5701, Algorithm 1; torch.optim.Adadelta (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record AdadeltaSpec(
        @Describe("Scale of the update δ (torch's lr; 1 in the paper)") @Positive Double learningRate,
        @Describe("Decay of the running averages of g² and δ²") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double rho,
        @Describe("Added inside both square roots") @Positive Double epsilon,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public AdadeltaSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        rho = requireNonNullElse(rho, 0.9);
        epsilon = requireNonNullElse(epsilon, 1e-6);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.adadelta(this, schedule), problem, seed);
    }
}
