package dev.descent.optimizer;

import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.spec.Capability;
import dev.descent.spec.SpecTypes;
import dev.descent.spec.Violations;

/**
 * The options every first-order optimizer takes. Records cannot inherit components, so each spec
 * declares them (with these descriptions), while their meaning lives once: {@link Recipes#prefix}
 * turns them into the front of every chain, {@link #checkOptions} checks them (the default
 * {@link #check} of a first-order spec) and {@link #optimizer} applies {@code batchSize}.
 */
non-sealed interface FirstOrderSpec extends OptimizerSpec {
    String WEIGHT_DECAY = "Coupled L2 penalty: g ← g + weightDecay·x";
    String CLIP_NORM = "Rescale the gradient to at most this Euclidean norm (torch clip_grad_norm_); off when absent";
    String CLIP_VALUE = "Clamp each gradient coordinate to ±this (torch clip_grad_value_); off when absent";
    String MAXIMIZE = "Ascend instead of descend: negate the gradient before every other stage (torch maximize)";
    String BATCH_SIZE = "Rows per minibatch on dataset problems, sampled without replacement and reshuffled each epoch "
            + "(seeded); the step uses the minibatch gradient, the reported loss is the full objective; "
            + "absent: full gradient";

    Double weightDecay();

    Double clipNorm();

    Double clipValue();

    Boolean maximize();

    Integer batchSize();

    /**
     * {@code batchSize} samples minibatches of a problem that is a mean over data rows
     * ({@link Capability#DATASET}); on any other problem the full gradient is used, as API.md says.
     * Where the request shows the rows, a batch larger than the data is reported; other row counts
     * are only known when the problem is built, and a larger batch is then the whole data set.
     */
    @Override
    default void check(Violations violations, ProblemSpec problem, dev.descent.spec.Limits limits) {
        checkOptions(violations, problem);
    }

    default void checkOptions(Violations violations, ProblemSpec problem) {
        Integer batchSize = batchSize();
        if (batchSize == null || problem == null) return;
        if (!SpecTypes.provides(problem.getClass()).contains(Capability.DATASET)) return;
        int rows = -1;
        if (problem instanceof LinearLeastSquaresSpec l && l.b() != null) rows = l.b().length;
        else if (problem instanceof LogisticRegressionSpec l && l.features() != null) rows = l.features().length;
        if (rows >= 0) {
            violations.check(batchSize <= rows, "batchSize", "is " + batchSize + "; the problem has " + rows + " rows");
        }
    }

    /** A rule optimizer for this chain, drawing minibatches when {@code batchSize} is set and the problem has rows. */
    default Optimizer optimizer(UpdateRule<?> rule, Problem problem, long seed) {
        return RuleOptimizer.of(rule, problem, batchSize(), seed);
    }
}
