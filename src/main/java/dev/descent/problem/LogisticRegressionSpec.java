package dev.descent.problem;

import static java.util.Objects.requireNonNullElse;

import dev.descent.linalg.DenseRows;
import dev.descent.linalg.KernelPool;
import dev.descent.linalg.RowMatrix;
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
 * Logistic regression on inline data or an uploaded dataset: binary for two classes, multinomial
 * (softmax) for more. Objective (1/m)Σ loss + (l2/2)‖w‖² + l1‖w‖₁; the intercept is never
 * penalized. With {@code standardize} the fit runs on z-scored columns (so the penalties weigh
 * every feature alike) and the reported coefficients and intercept are folded back into the
 * data's units; the job's point {@code x} stays in the standardized coordinates.
 */
@Describe(value = "Logistic regression (binary, or softmax for more than two classes) with L2 and L1 penalties",
          reference = "Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, 2nd ed., section 4.4")
@Provides({Capability.GRADIENT, Capability.HESSIAN, Capability.DATASET})
public record LogisticRegressionSpec(
        @Describe("Feature matrix, m rows of n numbers") double[][] features,
        @Describe("Class label of each row: numbers or strings, at least two distinct values") List<Object> labels,
        @Describe("L2 penalty weight on ½‖w‖² (default 0)") @PositiveOrZero Double l2,
        @Describe("L1 penalty weight on ‖w‖₁ (default 0; gradient methods see the subgradient sign(w), 0 at w = 0; lbfgs takes OWL-QN steps)") @PositiveOrZero Double l1,
        @Describe("Fit an unpenalized intercept (default true)") Boolean fitIntercept,
        @Describe("Names of the n feature columns (default x1 … xn)") List<String> featureNames,
        @Describe("Id of an uploaded dataset; its label column gives the classes (then features and labels are absent)") String dataset,
        @Describe("Fit on z-scored columns (centered only with an intercept); coefficients reported in the data's units (default false)") Boolean standardize)
        implements ProblemSpec {

    public LogisticRegressionSpec {
        l2 = requireNonNullElse(l2, 0.0);
        l1 = requireNonNullElse(l1, 0.0);
        fitIntercept = requireNonNullElse(fitIntercept, true);
        standardize = requireNonNullElse(standardize, false);
    }

    /** Inline data, not standardized. */
    public LogisticRegressionSpec(double[][] features, List<Object> labels, Double l2, Double l1, Boolean fitIntercept,
                                  List<String> featureNames) {
        this(features, labels, l2, l1, fitIntercept, featureNames, null, null);
    }

    @Override
    public void check(Violations v, Limits limits) {
        if (dataset != null) {
            if (features != null) v.add("features", "must be absent when dataset is given");
            if (labels != null) v.add("labels", "must be absent when dataset is given; the dataset's label column gives them");
            if (featureNames != null) v.add("featureNames", "must be absent when dataset is given; the dataset names its columns");
            return;  // the dataset itself is checked by Problems
        }
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

    /** The dataset's part of the check: classes in its label column, the dimension cap. */
    void checkData(DataTable table, Violations v, Limits limits) {
        if (table.classes() == null) {
            v.add("dataset", "dataset '" + table.id() + "' has a numeric label '" + table.label()
                    + "' with many distinct values (a regression target); logistic regression needs classes");
        } else if (table.classes().size() < 2) {
            v.add("dataset", "dataset '" + table.id() + "' has " + table.classes().size()
                    + " class in its label column; logistic regression needs at least two");
        } else {
            Rows.checkDimension(v, "dataset", dimension(table.features().columns(), table.classes().size()), limits.maxDimension());
        }
    }

    @Override
    public int dimension() {
        if (dataset != null) {
            DataTable table = Problems.required(dataset);
            return dimension(table.features().columns(), table.classes() == null ? 2 : table.classes().size());
        }
        return dimension(features[0].length, classes().classes().size());
    }

    private int dimension(long n, int classCount) {
        long perClass = n + (fitIntercept ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, classCount == 2 ? perClass : classCount * perClass);
    }

    @Override
    public Problem create() {
        return create(dataset == null ? null : Problems.required(dataset), KernelPool.SEQUENTIAL);
    }

    /** Builds on the dataset's shared rows when {@code table} is given, else on the inline data. */
    Problem create(DataTable table, KernelPool pool) {
        RowMatrix rows;
        List<Object> classList;
        int[] index;
        List<String> names;
        if (table != null) {
            rows = table.features();
            classList = table.classes();
            index = table.classIndex();
            names = table.featureNames();
        } else {
            ClassLabels classes = classes();
            int n = features[0].length;
            rows = new DenseRows(Rows.flatten(features), features.length, n);
            classList = classes.classes();
            index = classes.rows();
            names = featureNames != null ? List.copyOf(featureNames) : defaultNames(n);
        }
        Design design = standardize ? Design.standardized(rows, fitIntercept, pool) : Design.raw(rows, pool);
        if (classList.size() == 2) {
            double[] y = new double[index.length];
            for (int i = 0; i < y.length; i++) y[i] = index[i] == 1 ? 1 : -1;
            return new BinaryLogisticRegression(design, y, l2, l1, fitIntercept, classList, names);
        }
        return new SoftmaxRegression(design, index, classList, l2, l1, fitIntercept, names);
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
