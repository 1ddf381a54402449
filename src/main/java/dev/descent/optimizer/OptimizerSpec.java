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
        @JsonSubTypes.Type(value = GdSpec.class, name = "gd"),
        @JsonSubTypes.Type(value = SgdSpec.class, name = "sgd"),
        @JsonSubTypes.Type(value = MomentumSpec.class, name = "momentum"),
        @JsonSubTypes.Type(value = NesterovSpec.class, name = "nesterov"),
        @JsonSubTypes.Type(value = AdagradSpec.class, name = "adagrad"),
        @JsonSubTypes.Type(value = RmspropSpec.class, name = "rmsprop"),
        @JsonSubTypes.Type(value = AdadeltaSpec.class, name = "adadelta"),
        @JsonSubTypes.Type(value = AdamSpec.class, name = "adam"),
        @JsonSubTypes.Type(value = AdamWSpec.class, name = "adamw"),
        @JsonSubTypes.Type(value = AdamaxSpec.class, name = "adamax"),
        @JsonSubTypes.Type(value = NadamSpec.class, name = "nadam"),
        @JsonSubTypes.Type(value = RadamSpec.class, name = "radam"),
        @JsonSubTypes.Type(value = RpropSpec.class, name = "rprop"),
        @JsonSubTypes.Type(value = QuickpropSpec.class, name = "quickprop"),
        @JsonSubTypes.Type(value = GradientDescentLineSearchSpec.class, name = "gradient-descent-line-search"),
        @JsonSubTypes.Type(value = ConjugateGradientSpec.class, name = "conjugate-gradient"),
        @JsonSubTypes.Type(value = BfgsSpec.class, name = "bfgs"),
        @JsonSubTypes.Type(value = LbfgsSpec.class, name = "lbfgs"),
        @JsonSubTypes.Type(value = NewtonSpec.class, name = "newton"),
        @JsonSubTypes.Type(value = RandomSearchSpec.class, name = "random-search"),
        @JsonSubTypes.Type(value = NelderMeadSpec.class, name = "nelder-mead"),
        @JsonSubTypes.Type(value = LevenbergMarquardtSpec.class, name = "levenberg-marquardt"),
        @JsonSubTypes.Type(value = GaussNewtonSpec.class, name = "gauss-newton"),
        @JsonSubTypes.Type(value = QrSpec.class, name = "qr"),
        @JsonSubTypes.Type(value = SvdSpec.class, name = "svd"),
        @JsonSubTypes.Type(value = CholeskySpec.class, name = "cholesky"),
        @JsonSubTypes.Type(value = LuSpec.class, name = "lu"),
        @JsonSubTypes.Type(value = LinearCgSpec.class, name = "linear-cg"),
        @JsonSubTypes.Type(value = PcgSpec.class, name = "pcg"),
        @JsonSubTypes.Type(value = JacobiSpec.class, name = "jacobi"),
        @JsonSubTypes.Type(value = GaussSeidelSpec.class, name = "gauss-seidel")
})
public sealed interface OptimizerSpec
        permits FirstOrderSpec, GradientDescentLineSearchSpec, ConjugateGradientSpec, BfgsSpec, LbfgsSpec,
                NewtonSpec, RandomSearchSpec, NelderMeadSpec, LevenbergMarquardtSpec, GaussNewtonSpec, QrSpec,
                SvdSpec, CholeskySpec, LuSpec, LinearCgSpec, PcgSpec, JacobiSpec, GaussSeidelSpec {

    /** The base learning rate η that the schedule scales (for line-search methods, the initial step). */
    Double learningRate();

    /** Cross-field checks beyond bean validation, against the problem it will run on. */
    default void check(Violations violations, ProblemSpec problem, Limits limits) {}

    /** A fresh optimizer with its state for one run. */
    Optimizer create(Problem problem, Schedule schedule, long seed);

    /**
     * The optimizer a request without one gets. Every problem type so far is smooth with an exact
     * gradient (quadratic, linear least squares, logistic regression, test functions), so all get
     * L-BFGS with torch's defaults and a strong Wolfe search: superlinear in practice, O(history·n)
     * memory at any size, no Hessian needed. Nonlinear least squares gets Levenberg–Marquardt, which
     * uses the residuals' Jacobian and converges fast where L-BFGS would crawl along a narrow valley.
     */
    static OptimizerSpec defaultFor(ProblemSpec problem) {
        if (problem instanceof dev.descent.problem.NonlinearLeastSquaresSpec) return LevenbergMarquardtSpec.defaults();
        return new LbfgsSpec(null, null, null, null);
    }

}
