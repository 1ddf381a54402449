package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.LeastSquaresProblem;
import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Requires;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Positive;

/** Gauss-Newton with backtracking, subproblems by pivoted QR. */
@Describe(value = "Gauss-Newton: the step solves the linearized least-squares problem by QR with column pivoting "
        + "(not the normal equations), then halves until the Armijo condition holds",
        reference = "Nocedal & Wright 2006, Numerical Optimization, section 10.3; Björck 1996, section 9.2")
@Requires({Capability.GRADIENT, Capability.LEAST_SQUARES})
public record GaussNewtonSpec(
        @Describe("Not used: the step starts at the full Gauss-Newton step; kept so every optimizer has a learningRate")
        @Positive Double learningRate) implements OptimizerSpec {

    public GaussNewtonSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        violations.check(problem.dimension() <= limits.maxDenseHessianDimension(), "type",
                "gauss-newton factors the dense m×n Jacobian; the problem dimension " + problem.dimension()
                        + " exceeds descent.limits.max-dense-hessian-dimension (" + limits.maxDenseHessianDimension() + ")");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new GaussNewton((LeastSquaresProblem) problem);
    }
}
