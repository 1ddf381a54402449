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

/** SGD with heavy-ball or Nesterov momentum, torch.optim.SGD's parameterisation. */
@Describe(value = "Gradient descent with heavy-ball or Nesterov momentum",
        reference = "Polyak 1964; Sutskever, Martens, Dahl & Hinton 2013; torch.optim.SGD (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record MomentumSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Momentum factor μ") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum,
        @Describe("Dampening of the gradient added to the buffer: buf ← μ·buf + (1 − dampening)·g") @DecimalMin("0") @DecimalMax("1") Double dampening,
        @Describe("Nesterov momentum: step along g + μ·buf (needs momentum > 0 and dampening 0)") Boolean nesterov,
        @Describe("Coupled L2 penalty: g ← g + weightDecay·x") @PositiveOrZero Double weightDecay,
        @Describe("Rescale the gradient to at most this Euclidean norm (torch clip_grad_norm_); off when absent") @Positive Double clipNorm,
        @Describe("Clamp each gradient coordinate to ±this (torch clip_grad_value_); off when absent") @Positive Double clipValue)
        implements OptimizerSpec {

    public MomentumSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        momentum = requireNonNullElse(momentum, 0.9);
        dampening = requireNonNullElse(dampening, 0.0);
        nesterov = requireNonNullElse(nesterov, false);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        if (nesterov) {
            // torch raises "Nesterov momentum requires a momentum and zero dampening".
            violations.check(momentum > 0 && dampening == 0, "nesterov",
                    "Nesterov momentum requires momentum > 0 and dampening = 0");
        }
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new RuleOptimizer(Recipes.momentum(this, schedule), problem.dimension());
    }
}
