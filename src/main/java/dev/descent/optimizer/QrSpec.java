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

/** Direct solver: Householder QR of the column-scaled matrix with iterative refinement of the augmented system in twice the working precision; one step, SOLVED. Rank-deficient matrices fail: use svd */
@Describe(value = "Direct solver: Householder QR of the column-scaled matrix with iterative refinement of the augmented system in twice the working precision; one step, SOLVED. Rank-deficient matrices fail: use svd", reference = "Golub & Van Loan, Matrix Computations, 4th ed., 5.3.3; Björck 1967, BIT 7 (refinement); Ogita, Rump & Oishi 2005 (Dot2)")
@Requires({Capability.GRADIENT, Capability.QUADRATIC})
public record QrSpec(
        @Describe("Not used: a direct solver takes one exact step; kept so every optimizer has a learningRate") @Positive Double learningRate)
        implements OptimizerSpec {

    public QrSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        DirectSolverSpec.checkDense(violations, problem, limits, "qr");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new DirectSolver(DirectSolver.Method.QR);
    }
}
