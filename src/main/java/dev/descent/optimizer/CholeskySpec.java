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

/** Direct solver: Cholesky factorization of A (quadratics) or of the normal equations AᵀA + λI (least squares): fast, but it squares the condition number, so ill-conditioned fits lose digits (NIST Filip: all); prefer qr for accuracy */
@Describe(value = "Direct solver: Cholesky factorization of A (quadratics) or of the normal equations AᵀA + λI (least squares): fast, but it squares the condition number, so ill-conditioned fits lose digits (NIST Filip: all); prefer qr for accuracy", reference = "Golub & Van Loan, Matrix Computations, 4th ed., 4.2 and 5.3.1")
@Requires({Capability.GRADIENT, Capability.QUADRATIC})
public record CholeskySpec(
        @Describe("Not used: a direct solver takes one exact step; kept so every optimizer has a learningRate") @Positive Double learningRate)
        implements OptimizerSpec {

    public CholeskySpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        DirectSolverSpec.checkDense(violations, problem, limits, "cholesky");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new DirectSolver(DirectSolver.Method.CHOLESKY);
    }
}
