package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Requires;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Rprop with torch.optim.Rprop's parameters ({@code etas} and {@code step_sizes} spelled out).
 * torch 1.13 Rprop has no weight decay; the common {@code weightDecay} adds a coupled L2 term to the
 * gradient before the sign rules.
 */
@Describe(value = "Rprop: per-coordinate step sizes adapted from the signs of successive gradients",
        reference = "Riedmiller & Braun 1993, IEEE ICNN; torch.optim.Rprop (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record RpropSpec(
        @Describe("Initial step size of every coordinate") @Positive Double learningRate,
        @Describe("Factor on a step size when the gradient changes sign") @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double etaMinus,
        @Describe("Factor on a step size when the gradient keeps its sign") @DecimalMin(value = "1", inclusive = false) Double etaPlus,
        @Describe("Smallest step size") @PositiveOrZero Double minStep,
        @Describe("Largest step size") @Positive Double maxStep,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public RpropSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        etaMinus = requireNonNullElse(etaMinus, 0.5);
        etaPlus = requireNonNullElse(etaPlus, 1.2);
        minStep = requireNonNullElse(minStep, 1e-6);
        maxStep = requireNonNullElse(maxStep, 50.0);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        checkOptions(violations, problem);
        violations.check(minStep <= maxStep, "minStep", "must not exceed maxStep (" + maxStep + ")");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.rprop(this, schedule), problem, seed);
    }
}
