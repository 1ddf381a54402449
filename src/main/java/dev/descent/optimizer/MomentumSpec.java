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
 * SGD with heavy-ball or Nesterov momentum. {@code variant} "torch" is torch.optim.SGD's
 * parameterisation (buf ← μ·buf + (1 − dampening)·g, x ← x − η·buf); "classical" puts the
 * learning rate inside the velocity as Polyak and Sutskever et al. write it
 * (v ← μ·v − (1 − dampening)·η·g from v = 0, x ← x + v). With a constant rate and no dampening the
 * two give the same iterates; they differ when the rate changes (a past gradient keeps the rate of
 * its own step in the classical form, and is rescaled by the current rate in torch's).
 */
@Describe(value = "Gradient descent with heavy-ball or Nesterov momentum",
        reference = "Polyak 1964; Sutskever, Martens, Dahl & Hinton 2013; torch.optim.SGD (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record MomentumSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Momentum factor μ") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum,
        @Describe("Dampening of the gradient added to the buffer: buf ← μ·buf + (1 − dampening)·g") @DecimalMin("0") @DecimalMax("1") Double dampening,
        @Describe("Nesterov momentum: step along g + μ·buf (needs momentum > 0 and dampening 0)") Boolean nesterov,
        @Describe("\"torch\": the rate multiplies the buffer (torch.optim.SGD); \"classical\": the rate is inside the velocity, v ← μ·v − η·g, x ← x + v") String variant,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public MomentumSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        momentum = requireNonNullElse(momentum, 0.9);
        dampening = requireNonNullElse(dampening, 0.0);
        nesterov = requireNonNullElse(nesterov, false);
        variant = requireNonNullElse(variant, "torch");
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        maximize = requireNonNullElse(maximize, false);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        checkOptions(violations, problem);
        if (nesterov) {
            // torch raises "Nesterov momentum requires a momentum and zero dampening".
            violations.check(momentum > 0 && dampening == 0, "nesterov",
                    "Nesterov momentum requires momentum > 0 and dampening = 0");
        }
        violations.check(variant.equals("torch") || variant.equals("classical"), "variant",
                "must be \"torch\" or \"classical\"");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.momentum(this, schedule), problem, seed);
    }
}
