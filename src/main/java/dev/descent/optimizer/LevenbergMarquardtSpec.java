package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Levenberg-Marquardt in Moré's trust-region form (MINPACK lmder). The tolerances are MINPACK's
 * ftol, xtol and gtol; the defaults are tighter than MINPACK's √ε so a run goes on until double
 * precision allows no further progress, which is what certified accuracy (NIST StRD) needs and
 * costs only a few more iterations near a solution, where the method converges fast.
 */
@Describe(value = "Levenberg-Marquardt (Moré's trust-region form, as MINPACK lmder): QR with column pivoting, "
        + "the damping found by Moré's safeguarded iteration, Marquardt's scaling by the Jacobian's column norms "
        + "or Levenberg's identity; robust losses by rescaling residuals and Jacobian",
        reference = "Moré 1978, The Levenberg-Marquardt algorithm: implementation and theory, LNM 630; "
                + "Moré, Garbow & Hillstrom 1980, MINPACK-1 (ANL-80-74); Triggs et al. 2000 (robust losses)")
@Requires({Capability.GRADIENT, Capability.LEAST_SQUARES})
public record LevenbergMarquardtSpec(
        @Describe("Not used: the trust region sets the steps; kept so every optimizer has a learningRate") @Positive Double learningRate,
        @Describe("marquardt: damping λ·diag(JᵀJ) via the running column norms of J (default); levenberg: λI") Scaling scaling,
        @Describe("Stop when the actual and predicted relative reductions of the sum of squares are both at most this (MINPACK ftol)")
        @PositiveOrZero Double functionTolerance,
        @Describe("Stop when the trust radius is at most this times the scaled norm of the parameters (MINPACK xtol)")
        @PositiveOrZero Double stepTolerance,
        @Describe("Stop when the cosine of the angle between the residuals and every Jacobian column is at most this (MINPACK gtol)")
        @PositiveOrZero Double gradientTolerance,
        @Describe("Initial trust radius as a multiple of the scaled norm of the start (MINPACK factor)") @Positive Double initialStepBound)
        implements OptimizerSpec {

    /** How the damping term is scaled. */
    public enum Scaling {
        @JsonProperty("marquardt") MARQUARDT,
        @JsonProperty("levenberg") LEVENBERG
    }

    public LevenbergMarquardtSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        scaling = requireNonNullElse(scaling, Scaling.MARQUARDT);
        functionTolerance = requireNonNullElse(functionTolerance, 1e-15);
        stepTolerance = requireNonNullElse(stepTolerance, 1e-15);
        gradientTolerance = requireNonNullElse(gradientTolerance, 1e-15);
        initialStepBound = requireNonNullElse(initialStepBound, 100.0);
    }

    /** All defaults. */
    public static LevenbergMarquardtSpec defaults() {
        return new LevenbergMarquardtSpec(null, null, null, null, null, null);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        violations.check(problem.dimension() <= limits.maxDenseHessianDimension(), "type",
                "levenberg-marquardt factors the dense m×n Jacobian; the problem dimension " + problem.dimension()
                        + " exceeds descent.limits.max-dense-hessian-dimension (" + limits.maxDenseHessianDimension() + ")");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new LevenbergMarquardt((LeastSquaresProblem) problem, scaling == Scaling.MARQUARDT, functionTolerance,
                stepTolerance, gradientTolerance, initialStepBound);
    }
}
