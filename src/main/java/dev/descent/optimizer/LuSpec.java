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

/** Direct solver for square systems (quadratics): LU factorization with partial pivoting; fails on a singular matrix */
@Describe(value = "Direct solver for square systems (quadratics): LU factorization with partial pivoting; fails on a singular matrix", reference = "Golub & Van Loan, Matrix Computations, 4th ed., 3.4")
@Requires({Capability.GRADIENT, Capability.QUADRATIC})
public record LuSpec(
        @Describe("Not used: a direct solver takes one exact step; kept so every optimizer has a learningRate") @Positive Double learningRate)
        implements OptimizerSpec {

    public LuSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        DirectSolverSpec.checkDense(violations, problem, limits, "lu");
        violations.check(!DirectSolverSpec.leastSquares(problem), "type",
                "lu solves square systems (quadratics); for linear least squares use qr, svd or cholesky");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new DirectSolver(DirectSolver.Method.LU);
    }
}
