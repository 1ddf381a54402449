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
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Newton's method on the exact Hessian, shifted to positive definite when needed. */
@Describe(value = "Newton's method with a Cholesky-modified Hessian and backtracking line search",
        reference = "Nocedal & Wright 2006, Numerical Optimization, Algorithms 3.2 and 3.3")
@Requires({Capability.GRADIENT, Capability.HESSIAN})
public record NewtonSpec(
        @Describe("Initial step length of the backtracking search (1 is the full Newton step)") @Positive Double learningRate,
        @Describe("Added to the Hessian's diagonal on every step (Levenberg-style regularisation)") @PositiveOrZero Double damping)
        implements OptimizerSpec {

    public NewtonSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        damping = requireNonNullElse(damping, 0.0);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        // It forms and factors a dense n×n Hessian: n² memory and n³ work per step.
        violations.check(problem.dimension() <= limits.maxDenseHessianDimension(), "type",
                "newton forms a dense Hessian; the problem dimension " + problem.dimension()
                        + " exceeds descent.limits.max-dense-hessian-dimension (" + limits.maxDenseHessianDimension() + ")");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new Newton(problem.dimension(), damping, schedule);
    }
}
