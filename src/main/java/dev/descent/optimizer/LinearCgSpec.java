package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Conjugate gradients, one iteration per step: CG on Ax = b for a positive definite quadratic, CGLS for linear least squares (AᵀA never formed) */
@Describe(value = "Conjugate gradients, one iteration per step: CG on Ax = b for a positive definite quadratic, CGLS for linear least squares (AᵀA never formed)", reference = "Hestenes & Stiefel 1952; Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Algorithm 6.18 and section 8.3.2")
@Requires({Capability.GRADIENT, Capability.QUADRATIC})
public record LinearCgSpec(
        @Describe("Not used: the method sets its own steps; kept so every optimizer has a learningRate") @Positive Double learningRate,
        @Describe("Stop when the residual norm (of the normal equations, for least squares) is at most this times its initial value")
        @PositiveOrZero Double tolerance)
        implements OptimizerSpec {

    public LinearCgSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        tolerance = requireNonNullElse(tolerance, 1e-10);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new KrylovSolver("linear-cg", problem, false, tolerance);
    }
}
