package dev.descent.problem;

import dev.descent.linalg.DenseRows;
import dev.descent.linalg.RowMatrix;
import dev.descent.linalg.SparseRows;

/** One column of a data matrix taken out as a vector, and the matrix without it (a copy). */
final class DataColumns {
    private DataColumns() {}

    static double[] column(RowMatrix x, int j) {
        double[] out = new double[x.rows()];
        if (x instanceof DenseRows d) {
            for (int i = 0; i < out.length; i++) out[i] = d.values()[i * d.columns() + j];
        } else if (x instanceof SparseRows s) {
            for (int i = 0; i < out.length; i++) {
                for (int k = s.rowStart()[i]; k < s.rowStart()[i + 1]; k++) {
                    if (s.columnIndex()[k] == j) out[i] = s.values()[k];
                }
            }
        }
        return out;
    }

    static RowMatrix without(RowMatrix x, int j) {
        int m = x.rows(), n = x.columns();
        if (x instanceof DenseRows d) {
            double[] values = new double[m * (n - 1)];
            for (int i = 0; i < m; i++) {
                System.arraycopy(d.values(), i * n, values, i * (n - 1), j);
                System.arraycopy(d.values(), i * n + j + 1, values, i * (n - 1) + j, n - j - 1);
            }
            return new DenseRows(values, m, n - 1);
        }
        SparseRows s = (SparseRows) x;
        int kept = 0;
        for (int c : s.columnIndex()) if (c != j) kept++;
        int[] start = new int[m + 1], columns = new int[kept];
        double[] values = new double[kept];
        int at = 0;
        for (int i = 0; i < m; i++) {
            for (int k = s.rowStart()[i]; k < s.rowStart()[i + 1]; k++) {
                int c = s.columnIndex()[k];
                if (c == j) continue;
                columns[at] = c > j ? c - 1 : c;
                values[at++] = s.values()[k];
            }
            start[i + 1] = at;
        }
        return new SparseRows(start, columns, values, m, n - 1);
    }
}
