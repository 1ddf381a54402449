package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.L1Penalized;
import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Requires;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Set;

/**
 * L-BFGS with torch.optim.LBFGS's parameters; one iteration is one inner iteration of torch's. On a
 * problem with an l1 term, OWL-QN steps (see {@link Lbfgs}).
 */
@Describe(value = "Limited-memory BFGS with a strong Wolfe line search; OWL-QN (orthant-wise, backtracking) when the problem has an l1 penalty",
        reference = "Liu & Nocedal 1989, Math. Programming 45; Nocedal & Wright 2006, Algorithm 7.4; torch.optim.LBFGS (PyTorch 1.13); "
                + "Andrew & Gao 2007, ICML (OWL-QN)")
@Requires({Capability.GRADIENT})
public record LbfgsSpec(
        @Describe("Initial step length of each line search (torch's lr)") @Positive Double learningRate,
        @Describe("Number of curvature pairs kept") @Min(1) Integer history,
        @Describe("strong-wolfe (torch's strong_wolfe) or none (fixed step learningRate·d)") String lineSearch,
        @Describe("Halt when the predicted decrease gᵀd is above −toleranceChange (torch's tolerance_change is 1e-9; "
                + "the default 0 halts only on a non-descent direction, so stopping.gradientTolerance decides)")
        @PositiveOrZero Double toleranceChange)
        implements OptimizerSpec {

    static final Set<String> LINE_SEARCHES = Set.of("strong-wolfe", "none");
    /** torch's {@code tolerance_change} default, which its strong-Wolfe search also uses for the bracket width. */
    static final double TOLERANCE_CHANGE = 1e-9;

    public LbfgsSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        history = requireNonNullElse(history, 10);
        lineSearch = requireNonNullElse(lineSearch, "strong-wolfe");
        toleranceChange = requireNonNullElse(toleranceChange, 0.0);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        violations.check(LINE_SEARCHES.contains(lineSearch), "lineSearch",
                "must be one of strong-wolfe, none (was " + lineSearch + ")");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        double[] l1 = null;
        if (problem instanceof L1Penalized penalized) {
            double[] weights = new double[problem.dimension()];
            penalized.l1Weights(weights);
            for (double w : weights) {
                if (w > 0) {
                    l1 = weights;
                    break;
                }
            }
        }
        return new Lbfgs(problem.dimension(), history, "strong-wolfe".equals(lineSearch), schedule, toleranceChange, l1);
    }
}
