package dev.descent.linalg;

/** A dense m×n matrix, row-major in one array ({@code values[i·n + j]}). */
public record DenseRows(double[] values, int rows, int columns) implements RowMatrix {

    public DenseRows {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(rows + "×" + columns + " needs " + (long) rows * columns
                    + " values, not " + values.length);
        }
    }

    @Override
    public long storedEntries() {
        return values.length;
    }

    // Four accumulators: the JIT does not reorder a floating-point reduction, so one sum would
    // serialize on the add latency; four keep the adds in flight.
    @Override
    public double dot(int i, double[] w) {
        double[] x = values;
        int o = i * columns, n = columns, j = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; j + 3 < n; j += 4) {
            s0 += x[o + j] * w[j];
            s1 += x[o + j + 1] * w[j + 1];
            s2 += x[o + j + 2] * w[j + 2];
            s3 += x[o + j + 3] * w[j + 3];
        }
        for (; j < n; j++) s0 += x[o + j] * w[j];
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void addRow(int i, double c, double[] g, int offset) {
        double[] x = values;
        int o = i * columns;
        for (int j = 0; j < columns; j++) g[offset + j] += c * x[o + j];
    }

    @Override
    public void copyRow(int i, double[] out) {
        System.arraycopy(values, i * columns, out, 0, columns);
    }
}
