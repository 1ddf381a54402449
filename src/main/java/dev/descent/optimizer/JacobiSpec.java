package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Jacobi iteration x ← x + D⁻¹(b − Ax), one sweep per step; converges for strictly diagonally dominant A, else ends DIVERGED saying so (least squares: on the normal equations, not formed) */
@Describe(value = "Jacobi iteration x ← x + D⁻¹(b − Ax), one sweep per step; converges for strictly diagonally dominant A, else ends DIVERGED saying so (least squares: on the normal equations, not formed)", reference = "Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., section 4.1")
@Requires({Capability.GRADIENT, Capability.QUADRATIC})
public record JacobiSpec(
        @Describe("Not used: the method sets its own steps; kept so every optimizer has a learningRate") @Positive Double learningRate,
        @Describe("Stop when the residual norm (of the normal equations, for least squares) is at most this times its initial value")
        @PositiveOrZero Double tolerance)
        implements OptimizerSpec {

    public JacobiSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        tolerance = requireNonNullElse(tolerance, 1e-10);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new StationarySolver("jacobi", false, problem, tolerance);
    }
}
