package dev.descent.problem;

import static java.util.Objects.requireNonNullElse;

import dev.descent.expression.CompiledExpression;
import dev.descent.expression.ExpressionLimits;
import dev.descent.expression.ExpressionParser;
import dev.descent.expression.Function;
import dev.descent.expression.ParseException;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Provides;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Positive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A curve fit: ½Σρ(rᵢ²) with rᵢ = wᵢ(yᵢ − model(xᵢ; p)) over the parameters p. The model is an
 * expression over the parameters and the variables; its Jacobian and Hessian are exact (automatic
 * differentiation). Without an initial point a job starts every parameter at 1.
 */
@Describe(value = "Nonlinear least squares ½Σρ(rᵢ²), rᵢ = wᵢ(yᵢ − model(xᵢ; p)): a model expression fitted to "
        + "data, with optional weights and robust losses; exact Jacobian by automatic differentiation; "
        + "starts at 1 for every parameter unless initialPoint is given",
        reference = "Nocedal & Wright 2006, chapter 10; robust losses as scipy.optimize.least_squares "
                + "(Triggs et al. 2000, Bundle adjustment, section 4.3)")
@Provides({Capability.GRADIENT, Capability.HESSIAN, Capability.LEAST_SQUARES})
public record NonlinearLeastSquaresSpec(
        @Describe("The model, an expression in the parameters and variables, such as b1*(1-exp(-b2*x))") String model,
        @Describe("Names of the parameters to fit, in the order of the point (initialPoint, result x)") List<String> parameters,
        @Describe("Names of the independent variables (default [\"x\"])") List<String> variables,
        @Describe("The independent data: m numbers for one variable, or m rows of one value per variable") Predictors x,
        @Describe("The observations, m numbers") double[] y,
        @Describe("Weights wᵢ multiplying each residual (default 1), such as 1/σᵢ") double[] weights,
        @Describe("Robust loss ρ on the squared residuals: linear (default), huber, soft-l1, cauchy, arctan") RobustLoss loss,
        @Describe("Scale C of the robust loss, ρ(z) = C²ρ₀(z/C²): residuals beyond about C count less (default 1)")
        @Positive Double lossScale,
        @Describe("An uploaded dataset to fit instead of inline x and y: the variables name its columns") String dataset,
        @Describe("With a dataset, the column of observations (default: the dataset's label column)") String target)
        implements ProblemSpec {

    /** Inline data, no dataset. */
    public NonlinearLeastSquaresSpec(String model, List<String> parameters, List<String> variables, Predictors x,
                                     double[] y, double[] weights, RobustLoss loss, Double lossScale) {
        this(model, parameters, variables, x, y, weights, loss, lossScale, null, null);
    }

    public NonlinearLeastSquaresSpec {
        parameters = parameters == null ? null : Collections.unmodifiableList(new ArrayList<>(parameters));
        variables = variables == null ? List.of("x") : Collections.unmodifiableList(new ArrayList<>(variables));
        loss = requireNonNullElse(loss, RobustLoss.LINEAR);
        lossScale = requireNonNullElse(lossScale, 1.0);
    }

    @Override
    public void check(Violations v, Limits limits) {
        boolean namesOk = checkNames(v, "parameters", parameters, Map.of(), limits);
        Map<String, String> taken = new HashMap<>();
        if (parameters != null) for (int i = 0; i < parameters.size(); i++) taken.put(parameters.get(i), "parameters[" + i + "]");
        namesOk &= checkNames(v, "variables", variables, taken, limits);
        int m;
        if (dataset != null) {
            // The data come from the dataset (Problems checks its columns and the counts then).
            v.check(x == null, "x", "must be absent with a dataset: the variables name its columns");
            v.check(y == null, "y", "must be absent with a dataset: target names its column");
            v.check(weights == null, "weights", "are not taken with a dataset; weight inline data instead");
            m = 0;
        } else {
            v.check(target == null, "target", "applies only with a dataset");
            m = checkData(v);
        }
        if (model == null) {
            v.add("model", "is required: an expression such as b1*(1-exp(-b2*x))");
        } else if (namesOk) {
            try {
                ExpressionParser.parse(model, inputNames(), new ExpressionLimits(limits.maxExpressionLength(),
                        limits.maxExpressionDepth(), limits.maxExpressionNodes()));
            } catch (ParseException e) {
                v.add("model", e.getMessage());
            }
        }
        if (namesOk && m > 0 && parameters.size() > m) {
            v.add("parameters", parameters.size() + " parameters cannot be determined from " + m
                    + " observations: a fit needs at least as many observations as parameters");
        }
        if (namesOk && m > 0) {
            long cells = (long) m * (parameters.size() + 1);
            v.check(cells <= limits.maxDimension() * 10L, "y", "m·(n+1) = " + cells + " Jacobian entries exceed "
                    + "10·descent.limits.max-dimension (" + 10L * limits.maxDimension() + ")");
        }
    }

    /** m when x, y and weights agree, else 0 after adding violations. */
    private int checkData(Violations v) {
        if (x == null) {
            v.add("x", "is required: m values, or m rows of one value per variable");
            return 0;
        }
        if (x.error() != null) {
            v.add("x" + x.errorField(), x.error());
            return 0;
        }
        int m = x.count();
        boolean ok = v.check(m > 0, "x", "must have at least one observation");
        int k = variables == null ? 1 : variables.size();
        if (x.vector() && k != 1) {
            ok = v.check(false, "x", "has one value per observation but there are " + k
                    + " variables: give m rows of " + k + " values");
        } else if (!x.vector()) {
            int bad = 0;
            for (int i = 0; i < m; i++) {
                if (x.rows()[i].length != k && bad++ < Rows.MAX_REPORTED) {
                    v.add("x[" + i + "]", "has " + x.rows()[i].length + " values; expected " + k + ", one per variable");
                }
            }
            ok &= bad == 0;
        }
        if (y == null) {
            v.add("y", "is required: one observation per row of x");
            return 0;
        }
        ok &= Rows.checkLength(v, "y", y, m, "x has " + m + " observations");
        if (weights != null) {
            ok &= Rows.checkLength(v, "weights", weights, m, "x has " + m + " observations");
            for (int i = 0; i < weights.length; i++) {
                if (!(weights[i] >= 0)) {
                    ok = v.check(false, "weights[" + i + "]", "must be at least 0");
                    break;
                }
            }
        }
        return ok ? m : 0;
    }

    private static boolean checkNames(Violations v, String field, List<String> names, Map<String, String> taken,
                                      Limits limits) {
        if (names == null) {
            v.add(field, "is required: the names of the " + field + ", such as [\"b1\", \"b2\"]");
            return false;
        }
        if (names.isEmpty()) {
            v.add(field, "must name at least one");
            return false;
        }
        if (!Rows.checkDimension(v, field, names.size(), limits.maxDimension())) return false;
        boolean ok = true;
        Map<String, String> seen = new HashMap<>(taken);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String at = field + "[" + i + "]";
            if (name == null) {
                ok = v.check(false, at, "must be a string");
            } else if (!ExpressionParser.isIdentifier(name)) {
                ok = v.check(false, at, "'" + (name.length() <= 40 ? name : name.substring(0, 40) + "…")
                        + "' is not a name: use letters, digits and _, starting with a letter or _");
            } else if (Function.reserved(name)) {
                ok = v.check(false, at, "'" + name + "' is a function or constant of the language");
            } else {
                String before = seen.putIfAbsent(name, at);
                if (before != null) ok = v.check(false, at, "repeats " + before + " '" + name + "'");
            }
        }
        return ok;
    }

    private List<String> inputNames() {
        List<String> names = new ArrayList<>(parameters);
        names.addAll(variables);
        return names;
    }

    @Override
    public int dimension() {
        return parameters.size();
    }

    /**
     * Checks that the dataset has the columns this spec names: each variable, and the target (a
     * numeric label column, or a feature column).
     */
    void checkColumns(DataTable table, Violations v) {
        for (int i = 0; variables != null && i < variables.size(); i++) {
            String name = variables.get(i);
            v.check(table.featureNames().contains(name), "variables[" + i + "]", "no column '" + name + "' in dataset '"
                    + table.id() + "'; columns: " + String.join(", ", table.featureNames()));
        }
        String column = target != null ? target : table.label();
        if (column.equals(table.label())) {
            v.check(!table.stringLabels(), target != null ? "target" : "dataset", "the label column '" + table.label()
                    + "' of dataset '" + table.id() + "' holds strings; a fit needs numeric observations");
        } else {
            v.check(table.featureNames().contains(column), "target", "no column '" + column + "' in dataset '"
                    + table.id() + "'; columns: " + String.join(", ", table.featureNames()) + ", " + table.label());
        }
    }

    /** This fit with the dataset's columns as inline x and y (call after {@link #checkColumns} passed). */
    NonlinearLeastSquaresSpec resolve(DataTable table) {
        int m = table.features().rows(), k = variables.size();
        double[][] rows = new double[m][k];
        for (int j = 0; j < k; j++) {
            double[] column = DataColumns.column(table.features(), table.featureNames().indexOf(variables.get(j)));
            for (int i = 0; i < m; i++) rows[i][j] = column[i];
        }
        String column = target != null ? target : table.label();
        double[] observations = column.equals(table.label()) ? table.labels().clone()
                : DataColumns.column(table.features(), table.featureNames().indexOf(column));
        return new NonlinearLeastSquaresSpec(model, parameters, variables,
                k == 1 ? Predictors.ofValues(DataColumns.column(table.features(), table.featureNames().indexOf(variables.get(0))))
                        : Predictors.ofRows(rows),
                observations, null, loss, lossScale);
    }

    @Override
    public Problem create() {
        if (dataset != null) return resolve(Problems.required(dataset)).create();
        // check() already applied the service's limits; here the same text is only read again.
        ExpressionLimits unlimited = new ExpressionLimits(Math.max(model.length(), 1), Integer.MAX_VALUE, Integer.MAX_VALUE);
        CompiledExpression compiled = CompiledExpression.parse(model, inputNames(), unlimited);
        int m = x.count(), k = variables.size();
        double[] flat = new double[m * k];
        for (int i = 0; i < m; i++) System.arraycopy(x.rows()[i], 0, flat, i * k, k);
        return new NonlinearLeastSquares(compiled, parameters, k, flat, y.clone(),
                weights == null ? null : weights.clone(), loss, lossScale);
    }
}
