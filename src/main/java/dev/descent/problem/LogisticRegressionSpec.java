package dev.descent.problem;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Provides;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Logistic regression on inline data: binary for two classes, multinomial (softmax) for more.
 * Objective (1/m)Σ loss + (l2/2)‖w‖² + l1‖w‖₁; the intercept is never penalized.
 */
@Describe(value = "Logistic regression (binary, or softmax for more than two classes) with L2 and L1 penalties",
          reference = "Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, 2nd ed., section 4.4")
@Provides({Capability.GRADIENT, Capability.HESSIAN, Capability.DATASET})
public record LogisticRegressionSpec(
        @Describe("Feature matrix, m rows of n numbers") double[][] features,
        @Describe("Class label of each row: numbers or strings, at least two distinct values") List<Object> labels,
        @Describe("L2 penalty weight on ½‖w‖² (default 0)") @PositiveOrZero Double l2,
        @Describe("L1 penalty weight on ‖w‖₁ (default 0; subgradient sign(w), 0 at w = 0)") @PositiveOrZero Double l1,
        @Describe("Fit an unpenalized intercept (default true)") Boolean fitIntercept,
        @Describe("Names of the n feature columns (default x1 … xn)") List<String> featureNames)
        implements ProblemSpec {

    public LogisticRegressionSpec {
        l2 = requireNonNullElse(l2, 0.0);
        l1 = requireNonNullElse(l1, 0.0);
        fitIntercept = requireNonNullElse(fitIntercept, true);
    }

    @Override
    public void check(Violations v, Limits limits) {
        int n = Rows.columns(v, "features", features);
        if (labels == null) {
            v.add("labels", "is required");
        } else if (features != null && labels.size() != features.length) {
            v.add("labels", "has " + labels.size() + " entries; features has " + features.length + " rows");
        } else {
            ClassLabels classes = ClassLabels.of(labels, v, "labels");
            if (classes != null && n > 0) Rows.checkDimension(v, "features", dimension(n, classes.classes().size()), limits.maxDimension());
        }
        if (featureNames != null) checkFeatureNames(v, n);
    }

    private void checkFeatureNames(Violations v, int n) {
        if (n > 0 && featureNames.size() != n) {
            v.add("featureNames", "has " + featureNames.size() + " names; features have " + n + " columns");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < featureNames.size(); i++) {
            String name = featureNames.get(i);
            if (name == null) {
                v.add("featureNames[" + i + "]", "must be a string");
            } else {
                Integer before = seen.putIfAbsent(name, i);
                if (before != null) v.add("featureNames[" + i + "]", "repeats featureNames[" + before + "] '" + name + "'");
            }
        }
    }

    @Override
    public int dimension() {
        return dimension(features[0].length, classes().classes().size());
    }

    private int dimension(long n, int classCount) {
        long perClass = n + (fitIntercept ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, classCount == 2 ? perClass : classCount * perClass);
    }

    @Override
    public Problem create() {
        ClassLabels classes = classes();
        int m = features.length, n = features[0].length;
        List<String> names = featureNames != null ? List.copyOf(featureNames) : defaultNames(n);
        double[] x = Rows.flatten(features);
        if (classes.classes().size() == 2) {
            double[] y = new double[m];
            for (int i = 0; i < m; i++) y[i] = classes.rows()[i] == 1 ? 1 : -1;
            return new BinaryLogisticRegression(x, y, n, l2, l1, fitIntercept, classes.classes(), names);
        }
        return new SoftmaxRegression(x, classes.rows(), n, classes.classes(), l2, l1, fitIntercept, names);
    }

    private ClassLabels classes() {
        return ClassLabels.of(labels, new Violations(), "labels");
    }

    private static List<String> defaultNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int j = 1; j <= n; j++) names.add("x" + j);
        return List.copyOf(names);
    }
}
