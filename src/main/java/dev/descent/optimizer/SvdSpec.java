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

/** Direct solver: singular value decomposition of the column-scaled matrix, truncated at the numerical rank max(m,n)·ε·σ₁ (minimum-norm solution when rank deficient), refined as qr; the message reports the rank and singular values */
@Describe(value = "Direct solver: singular value decomposition of the column-scaled matrix, truncated at the numerical rank max(m,n)·ε·σ₁ (minimum-norm solution when rank deficient), refined as qr; the message reports the rank and singular values", reference = "Golub & Van Loan, Matrix Computations, 4th ed., 5.5; Björck 1996, Numerical Methods for Least Squares Problems, 2.9")
@Requires({Capability.GRADIENT, Capability.QUADRATIC})
public record SvdSpec(
        @Describe("Not used: a direct solver takes one exact step; kept so every optimizer has a learningRate") @Positive Double learningRate)
        implements OptimizerSpec {

    public SvdSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        DirectSolverSpec.checkDense(violations, problem, limits, "svd");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new DirectSolver(DirectSolver.Method.SVD);
    }
}
