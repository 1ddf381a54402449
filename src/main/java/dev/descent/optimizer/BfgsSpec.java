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

/** BFGS with a dense inverse Hessian approximation and a strong Wolfe line search. */
@Describe(value = "BFGS quasi-Newton method (dense inverse Hessian) with a strong Wolfe line search",
        reference = "Nocedal & Wright 2006, Numerical Optimization, Algorithm 6.1, eqs. 6.17 and 6.20; "
                + "Broyden, Fletcher, Goldfarb, Shanno 1970")
@Requires({Capability.GRADIENT})
public record BfgsSpec(
        @Describe("First trial step of each line search (1 is the quasi-Newton step)") @Positive Double learningRate)
        implements OptimizerSpec {

    public BfgsSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        // It keeps a dense n×n inverse Hessian: n² memory and work per step.
        violations.check(problem.dimension() <= limits.maxDenseHessianDimension(), "type",
                "bfgs keeps a dense n×n inverse Hessian; the problem dimension " + problem.dimension()
                        + " exceeds descent.limits.max-dense-hessian-dimension (" + limits.maxDenseHessianDimension()
                        + "); use lbfgs");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new Bfgs(problem.dimension(), schedule);
    }
}
