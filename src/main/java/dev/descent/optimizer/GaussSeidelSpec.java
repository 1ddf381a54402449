package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Gauss-Seidel iteration, one forward sweep per step; converges for symmetric positive definite or diagonally dominant A (least squares: exact coordinate descent, the normal equations not formed) */
@Describe(value = "Gauss-Seidel iteration, one forward sweep per step; converges for symmetric positive definite or diagonally dominant A (least squares: exact coordinate descent, the normal equations not formed)", reference = "Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., section 4.1")
@Requires({Capability.GRADIENT, Capability.QUADRATIC})
public record GaussSeidelSpec(
        @Describe("Not used: the method sets its own steps; kept so every optimizer has a learningRate") @Positive Double learningRate,
        @Describe("Stop when the residual norm (of the normal equations, for least squares) is at most this times its initial value")
        @PositiveOrZero Double tolerance)
        implements OptimizerSpec {

    public GaussSeidelSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        tolerance = requireNonNullElse(tolerance, 1e-10);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new StationarySolver("gauss-seidel", true, problem, tolerance);
    }
}
