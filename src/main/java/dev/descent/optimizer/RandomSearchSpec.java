package dev.descent.optimizer;

import static java.util.Objects.requireNonNullElse;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Describe;
import dev.descent.spec.Requires;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

/** Random search with a fixed or scheduled radius; derivative-free, seeded by the job's seed. */
@Describe(value = "Random search: try x + radius·u with u uniform on the unit sphere, keep it if f decreases",
        reference = "Rastrigin 1963, The convergence of the random search method; Muller 1959 (uniform directions)")
@Requires({})
public record RandomSearchSpec(
        @Describe("Search radius (the schedule scales it)") @Positive Double learningRate,
        @Describe("Proposals per iteration; the best of them is kept if it improves f") @Min(1) Integer samples,
        @Describe("Multiply the radius by this after each iteration without improvement; 1 keeps it fixed")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1") Double shrinkFactor)
        implements OptimizerSpec {

    public RandomSearchSpec {
        learningRate = requireNonNullElse(learningRate, 0.1);
        samples = requireNonNullElse(samples, 1);
        shrinkFactor = requireNonNullElse(shrinkFactor, 1.0);
    }

    @Override
    public Optimizer create(Problem problem, Schedule schedule, long seed) {
        return new RandomSearch(problem.dimension(), samples, shrinkFactor, schedule, seed);
    }
}
