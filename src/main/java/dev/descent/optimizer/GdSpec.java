package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Plain gradient descent, x ← x − η·g (torch.optim.SGD without momentum). */
@Describe(value = "Gradient descent with a fixed or scheduled learning rate",
        reference = "Cauchy 1847; torch.optim.SGD (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record GdSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Coupled L2 penalty: g ← g + weightDecay·x") @PositiveOrZero Double weightDecay,
        @Describe("Rescale the gradient to at most this Euclidean norm (torch clip_grad_norm_); off when absent") @Positive Double clipNorm,
        @Describe("Clamp each gradient coordinate to ±this (torch clip_grad_value_); off when absent") @Positive Double clipValue)
        implements OptimizerSpec {

    public GdSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new RuleOptimizer(Recipes.gd(this, schedule), problem.dimension());
    }
}
