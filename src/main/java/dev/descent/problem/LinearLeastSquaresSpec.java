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
import java.util.List;

/**
 * f(x) = ½‖Ax − b‖² + ½·ridge·‖x‖² for an m×n matrix A given inline, or from an uploaded dataset:
 * b is the {@code target} column (default the dataset's label column) and A the feature columns
 * other than the target (the label column is not a regressor). With {@code standardize} the
 * columns of A are divided by their standard deviations for the fit (not centered: there is no
 * intercept) and the reported coefficients are in the data's units.
 */
@Describe(value = "Linear least squares ½‖Ax − b‖² + ½·ridge·‖x‖² (ridge regression when ridge > 0)",
          reference = "Golub & Van Loan, Matrix Computations, 4th ed., section 5.3; Hoerl & Kennard 1970")
@Provides({Capability.GRADIENT, Capability.HESSIAN, Capability.QUADRATIC, Capability.LEAST_SQUARES, Capability.DATASET})
public record LinearLeastSquaresSpec(
        @Describe("Design matrix A, m rows of n entries") double[][] a,
        @Describe("Observations b, one per row of a") double[] b,
        @Describe("Tikhonov (ridge) weight λ ≥ 0 on ½‖x‖² (default 0)") @PositiveOrZero Double ridge,
        @Describe("Id of an uploaded dataset (then a and b are absent)") String dataset,
        @Describe("Dataset column to fit as b (default: the dataset's label column); the other feature columns form A") String target,
        @Describe("Scale the columns of A to unit standard deviation for the fit; coefficients reported in the data's units (default false)") Boolean standardize)
        implements ProblemSpec {

    public LinearLeastSquaresSpec {
        ridge = requireNonNullElse(ridge, 0.0);
        standardize = requireNonNullElse(standardize, false);
    }

    /** Inline data, not standardized. */
    public LinearLeastSquaresSpec(double[][] a, double[] b, Double ridge) {
        this(a, b, ridge, null, null, null);
    }

    @Override
    public void check(Violations v, Limits limits) {
        if (dataset != null) {
            if (a != null) v.add("a", "must be absent when dataset is given");
            if (b != null) v.add("b", "must be absent when dataset is given; target names the dataset column to fit");
            return;  // the dataset itself is checked by Problems
        }
        if (target != null) v.add("target", "applies only with dataset");
        int n = Rows.columns(v, "a", a);
        if (n > 0) Rows.checkDimension(v, "a", n, limits.maxDimension());
        if (b == null) v.add("b", "is required");
        else if (a != null) Rows.checkLength(v, "b", b, a.length, "a has " + a.length + " rows");
    }

    /** The dataset's part of the check: the target column exists and is numeric; the dimension cap. */
    void checkData(DataTable table, Violations v, Limits limits) {
        String column = target != null ? target : table.label();
        if (column.equals(table.label())) {
            if (table.stringLabels()) {
                v.add(target != null ? "target" : "dataset", "the label column '" + table.label() + "' of dataset '"
                        + table.id() + "' holds strings; least squares needs a numeric target");
            }
            Rows.checkDimension(v, "dataset", table.features().columns(), limits.maxDimension());
        } else if (!table.featureNames().contains(column)) {
            v.add("target", "no column '" + column + "' in dataset '" + table.id() + "'; columns: "
                    + String.join(", ", table.featureNames()) + ", " + table.label());
        } else if (table.features().columns() < 2) {
            v.add("target", "is the only feature column of dataset '" + table.id() + "'; nothing is left to fit it with");
        }
    }

    @Override
    public int dimension() {
        if (dataset != null) {
            DataTable table = Problems.required(dataset);
            boolean label = target == null || target.equals(table.label());
            return table.features().columns() - (label ? 0 : 1);
        }
        return a[0].length;
    }

    @Override
    public Problem create() {
        return create(dataset == null ? null : Problems.required(dataset), KernelPool.SEQUENTIAL);
    }

    /** Builds on the dataset's rows when {@code table} is given (shared, unless a feature column is the target), else on the inline data. */
    Problem create(DataTable table, KernelPool pool) {
        RowMatrix rows;
        double[] y;
        List<String> names = null;
        if (table == null) {
            rows = new DenseRows(Rows.flatten(a), a.length, a[0].length);
            y = b.clone();
        } else if (target == null || target.equals(table.label())) {
            rows = table.features();
            y = table.labels();
            names = table.featureNames();
        } else {
            int column = table.featureNames().indexOf(target);
            y = DataColumns.column(table.features(), column);
            rows = DataColumns.without(table.features(), column);
            List<String> rest = new ArrayList<>(table.featureNames());
            rest.remove(column);
            names = List.copyOf(rest);
        }
        Design design = standardize ? Design.standardized(rows, false, pool) : Design.raw(rows, pool);
        return new LinearLeastSquares(design, y, ridge, names);
    }

    @Override
    public boolean quadratic() {
        return true;
    }
}
