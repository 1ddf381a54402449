package dev.descent.optimizer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;

/**
 * An optimizer as a request describes it ({@code optimizer.type}), with defaults filled in by each
 * record's constructor so the job view shows every parameter in effect.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
})
public interface OptimizerSpec {

    /** The base learning rate η that the schedule scales (for line-search methods, the initial step). */
    Double learningRate();

    /** Cross-field checks beyond bean validation, against the problem it will run on. */
    default void check(Violations violations, ProblemSpec problem, Limits limits) {}

    /** A fresh optimizer with its state for one run. */
    Optimizer create(Problem problem, Schedule schedule, long seed);

}
