package dev.descent.problem;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;

/**
 * The {@code x} of a nonlinear fit as JSON gives it: m numbers (one variable) or m rows of k numbers
 * (k variables). Read leniently from the JSON tree so that a malformed entry is reported by
 * {@link NonlinearLeastSquaresSpec#check} with its index rather than as an unreadable body; written
 * back in the shape it came in.
 */
public final class Predictors {
    private final double[][] rows;   // m rows of k values; null when malformed
    private final boolean vector;    // given as m plain numbers
    private final String errorField; // relative to x, such as "[3][1]"
    private final String error;

    private Predictors(double[][] rows, boolean vector, String errorField, String error) {
        this.rows = rows;
        this.vector = vector;
        this.errorField = errorField;
        this.error = error;
    }

    /** One variable: m values. */
    public static Predictors ofValues(double... values) {
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) rows[i] = new double[] {values[i]};
        return new Predictors(rows, true, null, null);
    }

    /** Several variables: m rows of k values. */
    public static Predictors ofRows(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) copy[i] = rows[i] == null ? null : rows[i].clone();
        return new Predictors(copy, false, null, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Predictors fromJson(JsonNode node) {
        if (!node.isArray()) return invalid("", "must be an array of numbers or an array of rows");
        int m = node.size();
        if (m == 0) return new Predictors(new double[0][], true, null, null);
        boolean vector = !node.get(0).isArray();
        double[][] rows = new double[m][];
        for (int i = 0; i < m; i++) {
            JsonNode item = node.get(i);
            if (vector) {
                if (!item.isNumber()) return invalid("[" + i + "]", "must be a number (x is m numbers or m rows)");
                double v = item.asDouble();
                if (!Double.isFinite(v)) return invalid("[" + i + "]", "must be a finite number");
                rows[i] = new double[] {v};
            } else {
                if (!item.isArray()) return invalid("[" + i + "]", "must be a row of numbers like x[0]");
                rows[i] = new double[item.size()];
                for (int j = 0; j < item.size(); j++) {
                    JsonNode e = item.get(j);
                    if (!e.isNumber()) return invalid("[" + i + "][" + j + "]", "must be a number");
                    double v = e.asDouble();
                    if (!Double.isFinite(v)) return invalid("[" + i + "][" + j + "]", "must be a finite number");
                    rows[i][j] = v;
                }
            }
        }
        return new Predictors(rows, vector, null, null);
    }

    private static Predictors invalid(String field, String message) {
        return new Predictors(null, false, field, message);
    }

    @JsonValue
    Object json() {
        if (rows == null) return null;
        if (!vector) return rows;
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) values[i] = rows[i][0];
        return values;
    }

    /** Why the JSON could not be read, or null. */
    String error() {
        return error;
    }

    /** Where within x the error is ("" for x itself, else an index path such as "[3][1]"). */
    String errorField() {
        return errorField;
    }

    boolean vector() {
        return vector;
    }

    /** m. */
    int count() {
        return rows.length;
    }

    /** The rows as given (not copied): callers must not write them. */
    double[][] rows() {
        return rows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Predictors p && vector == p.vector && Arrays.deepEquals(rows, p.rows);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(rows);
    }
}
