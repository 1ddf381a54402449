package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Preconditioned conjugate gradients with the Jacobi (diagonal) preconditioner; for least squares CGLS preconditioned by the squared column norms */
@Describe(value = "Preconditioned conjugate gradients with the Jacobi (diagonal) preconditioner; for least squares CGLS preconditioned by the squared column norms", reference = "Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Algorithm 9.1; Björck 1996, section 7.4")
@Requires({Capability.GRADIENT, Capability.QUADRATIC})
public record PcgSpec(
        @Describe("Not used: the method sets its own steps; kept so every optimizer has a learningRate") @Positive Double learningRate,
        @Describe("Stop when the residual norm (of the normal equations, for least squares) is at most this times its initial value")
        @PositiveOrZero Double tolerance)
        implements OptimizerSpec {

    public PcgSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        tolerance = requireNonNullElse(tolerance, 1e-10);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new KrylovSolver("pcg", problem, true, tolerance);
    }
}
