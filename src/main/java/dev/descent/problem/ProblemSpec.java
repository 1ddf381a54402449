package dev.descent.problem;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;

/** A problem as a request describes it ({@code problem.type}); checked, then built into a {@link Problem}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = QuadraticSpec.class, name = "quadratic"),
        @JsonSubTypes.Type(value = LinearLeastSquaresSpec.class, name = "linear-least-squares"),
        @JsonSubTypes.Type(value = LogisticRegressionSpec.class, name = "logistic-regression"),
        @JsonSubTypes.Type(value = FunctionSpec.class, name = "function"),
        @JsonSubTypes.Type(value = ExpressionSpec.class, name = "expression"),
        @JsonSubTypes.Type(value = NonlinearLeastSquaresSpec.class, name = "nonlinear-least-squares")
})
public sealed interface ProblemSpec permits QuadraticSpec, LinearLeastSquaresSpec, LogisticRegressionSpec, FunctionSpec,
        ExpressionSpec, NonlinearLeastSquaresSpec {

    /**
     * Adds every violation of shape, range and limits (paths relative to the problem object).
     * A spec that passes can be built.
     */
    void check(Violations violations, Limits limits);

    /** Number of variables; only meaningful once {@link #check} passed. */
    int dimension();

    /** Builds the problem; call only after {@link #check} found nothing. */
    Problem create();

    /** Whether the objective is a quadratic (so linear solvers and exact line search apply). */
    default boolean quadratic() {
        return false;
    }

    /** Whether {@link Problem#hessian} will be available. */
    default boolean hasHessian() {
        return true;
    }
}
