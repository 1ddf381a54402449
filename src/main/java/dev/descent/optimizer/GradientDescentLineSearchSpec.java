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
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.util.List;

/** Steepest descent with a line search; defaults of Nocedal & Wright 2006, section 3.1. */
@Describe(value = "Gradient descent whose step is chosen by a line search (Armijo, Wolfe, strong Wolfe, or exact on quadratics)",
        reference = "Nocedal & Wright 2006, Numerical Optimization, chapter 3 (Algorithms 3.1, 3.5–3.6, eq. 3.25); "
                + "Lewis & Overton 2013 (weak Wolfe bisection)")
@Requires({Capability.GRADIENT})
public record GradientDescentLineSearchSpec(
        @Describe("First trial step of each line search (unused by exact)") @Positive Double learningRate,
        @Describe("armijo (backtracking), wolfe (weak Wolfe by bisection), strong-wolfe, or exact (quadratic problems only: α = gᵀg/gᵀAg)")
        String lineSearch,
        @Describe("Sufficient-decrease constant c1 of f(x + αd) ≤ f + c1·α·gᵀd")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double c1,
        @Describe("Curvature constant c2 of the Wolfe conditions; c1 < c2")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double c2,
        @Describe("Factor by which armijo shortens a rejected step")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double backtrackingFactor)
        implements OptimizerSpec {

    static final List<String> LINE_SEARCHES = List.of("armijo", "wolfe", "strong-wolfe", "exact");

    public GradientDescentLineSearchSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        lineSearch = requireNonNullElse(lineSearch, "armijo");
        c1 = requireNonNullElse(c1, 1e-4);
        c2 = requireNonNullElse(c2, 0.9);
        backtrackingFactor = requireNonNullElse(backtrackingFactor, 0.5);
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        if (violations.check(LINE_SEARCHES.contains(lineSearch), "lineSearch",
                "must be one of " + String.join(", ", LINE_SEARCHES) + " (was " + lineSearch + ")")) {
            violations.check(!"exact".equals(lineSearch) || problem.quadratic(), "lineSearch",
                    "exact applies only to quadratic problems (quadratic, linear-least-squares)");
        }
        violations.check(c1 < c2, "c2", "must be greater than c1 (" + c1 + ")");
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        int n = problem.dimension();
        LineSearch search = switch (lineSearch) {
            case "armijo" -> new ArmijoSearch(n, c1, backtrackingFactor);
            case "wolfe" -> new WeakWolfeSearch(n, c1, c2);
            case "strong-wolfe" -> new StrongWolfe(n, LbfgsSpec.TOLERANCE_CHANGE, c1, c2);
            case "exact" -> null;
            default -> throw new IllegalArgumentException("unknown lineSearch " + lineSearch);
        };
        return new GradientDescentLineSearch(n, search, schedule);
    }
}
