package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Requires;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Positive;

/** Nelder–Mead simplex search with SciPy's initial simplex and coefficients. */
@Describe(value = "Nelder-Mead simplex method (derivative-free); reflection 1, expansion 2, contraction 0.5, shrink 0.5",
        reference = "Nelder & Mead 1965; Lagarias, Reeds, Wright & Wright 1998, SIAM J. Optim. 9; "
                + "Gao & Han 2012 (adaptive); scipy.optimize.minimize(method='Nelder-Mead')")
@Requires({})
public record NelderMeadSpec(
        @Describe("Not used: the simplex sets its own steps; kept so every optimizer has a learningRate") @Positive Double learningRate,
        @Describe("Initial simplex: each coordinate of the start moved by this fraction of itself") @Positive Double initialStep,
        @Describe("Initial simplex: the move for a coordinate that is 0") @Positive Double initialStepAbsolute,
        @Describe("Use the dimension-dependent coefficients of Gao & Han 2012 (better for n > 2)") Boolean adaptive)
        implements OptimizerSpec {

    public NelderMeadSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        initialStep = requireNonNullElse(initialStep, 0.05);
        initialStepAbsolute = requireNonNullElse(initialStepAbsolute, 0.00025);
        adaptive = requireNonNullElse(adaptive, false);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        // The simplex holds n + 1 points of n coordinates, as much memory as a dense Hessian.
        violations.check(problem.dimension() <= limits.maxDenseHessianDimension(), "type",
                "nelder-mead keeps n + 1 vertices of n coordinates; the problem dimension " + problem.dimension()
                        + " exceeds descent.limits.max-dense-hessian-dimension (" + limits.maxDenseHessianDimension() + ")");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new NelderMead(problem.dimension(), adaptive, initialStep, initialStepAbsolute);
    }
}
