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
 * torch.optim.SGD with all its options: momentum 0 is plain (stochastic) gradient descent. With
 * {@code batchSize} on a dataset problem it is minibatch SGD (Robbins & Monro 1951). A one-cycle
 * schedule drives the momentum even when it is configured 0, as torch's OneCycleLR does.
 */
@Describe(value = "Stochastic gradient descent with optional momentum, dampening, Nesterov and minibatches",
        reference = "Robbins & Monro 1951; Polyak 1964; Sutskever et al. 2013; torch.optim.SGD (PyTorch 1.13)")
@Requires({Capability.GRADIENT})
public record SgdSpec(
        @Describe("Step size η") @Positive Double learningRate,
        @Describe("Momentum factor μ") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum,
        @Describe("Dampening of the gradient added to the buffer: buf ← μ·buf + (1 − dampening)·g") @DecimalMin("0") @DecimalMax("1") Double dampening,
        @Describe("Nesterov momentum: step along g + μ·buf (needs momentum > 0 and dampening 0)") Boolean nesterov,
        @Describe(FirstOrderSpec.WEIGHT_DECAY) @PositiveOrZero Double weightDecay,
        @Describe(FirstOrderSpec.CLIP_NORM) @Positive Double clipNorm,
        @Describe(FirstOrderSpec.CLIP_VALUE) @Positive Double clipValue,
        @Describe(FirstOrderSpec.MAXIMIZE) Boolean maximize,
        @Describe(FirstOrderSpec.BATCH_SIZE) @Positive Integer batchSize)
        implements FirstOrderSpec {

    public SgdSpec {
        learningRate = requireNonNullElse(learningRate, 0.01);
        momentum = requireNonNullElse(momentum, 0.0);
        dampening = requireNonNullElse(dampening, 0.0);
        nesterov = requireNonNullElse(nesterov, false);
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
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return optimizer(Recipes.sgd(this, schedule), problem, seed);
    }
}
