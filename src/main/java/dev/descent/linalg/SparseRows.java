package dev.descent.linalg;

import java.util.Arrays;

/**
 * A sparse m×n matrix in compressed sparse row form: row i holds the entries
 * {@code rowStart[i] … rowStart[i + 1] − 1} of {@code columnIndex} (ascending) and {@code values}.
 */
public record SparseRows(int[] rowStart, int[] columnIndex, double[] values, int rows, int columns)
        implements RowMatrix {

    public SparseRows {
        if (rowStart.length != rows + 1 || columnIndex.length != values.length
                || rowStart[rows] != values.length || rowStart[0] != 0) {
            throw new IllegalArgumentException("inconsistent CSR arrays");
        }
    }

    @Override
    public long storedEntries() {
        return values.length;
    }

    @Override
    public double dot(int i, double[] w) {
        int[] col = columnIndex;
        double[] v = values;
        int k = rowStart[i], end = rowStart[i + 1];
        double s0 = 0, s1 = 0;
        for (; k + 1 < end; k += 2) {
            s0 += v[k] * w[col[k]];
            s1 += v[k + 1] * w[col[k + 1]];
        }
        if (k < end) s0 += v[k] * w[col[k]];
        return s0 + s1;
    }

    @Override
    public void addRow(int i, double c, double[] g, int offset) {
        int[] col = columnIndex;
        double[] v = values;
        for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) g[offset + col[k]] += c * v[k];
    }

    @Override
    public void copyRow(int i, double[] out) {
        Arrays.fill(out, 0, columns, 0.0);
        for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) out[columnIndex[k]] = values[k];
    }

    @Override
    public void dots(int[] rows, int from, int to, double[] w, double bias, double[] z) {
        for (int k = from; k < to; k++) z[k - from] = dot(rows == null ? k : rows[k], w) + bias;
    }

    @Override
    public void addRows(int[] rows, int from, int to, double[] c, double[] g, int offset) {
        for (int k = from; k < to; k++) addRow(rows == null ? k : rows[k], c[k - from], g, offset);
    }
}
