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
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.List;

/** Nonlinear conjugate gradients with restarts. */
@Describe(value = "Nonlinear conjugate gradients (Fletcher-Reeves, Polak-Ribière+, Hestenes-Stiefel) with restarts",
        reference = "Nocedal & Wright 2006, Numerical Optimization, section 5.2; Fletcher & Reeves 1964; "
                + "Polak & Ribière 1969; Hestenes & Stiefel 1952")
@Requires({Capability.GRADIENT})
public record ConjugateGradientSpec(
        @Describe("First trial step of the first line search; later searches start from α_prev·g_prevᵀd_prev/gᵀd")
        @Positive Double learningRate,
        @Describe("polak-ribiere (PR+, β = max(0, β_PR)), fletcher-reeves, or hestenes-stiefel") String variant,
        @Describe("Restart with steepest descent every this many iterations; absent: the problem dimension")
        @Min(1) Integer restartEvery,
        @Describe("strong-wolfe (c1 = 1e-4, c2 = 0.1), or exact (quadratic problems only: α = −gᵀd/dᵀAd)") String lineSearch)
        implements OptimizerSpec {

    static final List<String> VARIANTS = List.of("polak-ribiere", "fletcher-reeves", "hestenes-stiefel");
    static final List<String> LINE_SEARCHES = List.of("strong-wolfe", "exact");

    public ConjugateGradientSpec {
        learningRate = requireNonNullElse(learningRate, 1.0);
        variant = requireNonNullElse(variant, "polak-ribiere");
        lineSearch = requireNonNullElse(lineSearch, "strong-wolfe");
    }

    @Override
    public void check(Violations violations, ProblemSpec problem, Limits limits) {
        violations.check(VARIANTS.contains(variant), "variant",
                "must be one of " + String.join(", ", VARIANTS) + " (was " + variant + ")");
        if (violations.check(LINE_SEARCHES.contains(lineSearch), "lineSearch",
                "must be one of " + String.join(", ", LINE_SEARCHES) + " (was " + lineSearch + ")")) {
            violations.check(!"exact".equals(lineSearch) || problem.quadratic(), "lineSearch",
                    "exact applies only to quadratic problems (quadratic, linear-least-squares)");
        }
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        int n = problem.dimension();
        ConjugateGradient.Variant v = switch (variant) {
            case "fletcher-reeves" -> ConjugateGradient.Variant.FLETCHER_REEVES;
            case "hestenes-stiefel" -> ConjugateGradient.Variant.HESTENES_STIEFEL;
            case "polak-ribiere" -> ConjugateGradient.Variant.POLAK_RIBIERE;
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        };
        return new ConjugateGradient(n, v, restartEvery != null ? restartEvery : n, "exact".equals(lineSearch), schedule);
    }
}
