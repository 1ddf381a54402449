package dev.descent.problem;

import dev.descent.spec.Violations;

/** Matrices and vectors as requests give them (arrays of rows): shape checks and the flat row-major copy. */
final class Rows {
    /** Rows of one malformed matrix reported individually before the rest are summarised. */
    static final int MAX_REPORTED = 10;

    private Rows() {}

    /**
     * The column count of {@code rows}, or -1 after adding the violations: missing, no rows, an
     * empty first row, rows of another length than the first.
     */
    static int columns(Violations v, String field, double[][] rows) {
        if (rows == null) {
            v.add(field, "is required");
            return -1;
        }
        if (rows.length == 0) {
            v.add(field, "must have at least one row");
            return -1;
        }
        int n = length(rows[0]);
        if (n == 0) {
            v.add(field + "[0]", "row 0 is empty; rows need at least one entry");
            return -1;
        }
        int bad = 0;
        for (int i = 1; i < rows.length; i++) {
            int len = length(rows[i]);
            if (len != n && bad++ < MAX_REPORTED) {
                v.add(field + "[" + i + "]", "row " + i + " has " + len + " entries; expected " + n);
            }
        }
        if (bad > MAX_REPORTED) v.add(field, (bad - MAX_REPORTED) + " more rows have a length other than " + n);
        return bad == 0 ? n : -1;
    }

    /** Adds a violation unless {@code values} has {@code expected} entries; {@code what} names the other side. */
    static boolean checkLength(Violations v, String field, double[] values, int expected, String what) {
        return v.check(values.length == expected, field, "has " + values.length + " entries; " + what);
    }

    /** Adds a violation when {@code n} exceeds the service's dimension cap. */
    static boolean checkDimension(Violations v, String field, long n, int maxDimension) {
        return v.check(n <= maxDimension, field, "gives " + n + " variables; the limit is " + maxDimension);
    }

    /** Row-major copy of a rectangular matrix. */
    static double[] flatten(double[][] rows) {
        int n = rows[0].length;
        double[] flat = new double[rows.length * n];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * n, n);
        return flat;
    }

    private static int length(double[] row) {
        return row == null ? 0 : row.length;
    }
}
