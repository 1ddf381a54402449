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

    /**
     * Eight accumulators: the JIT does not reorder a floating-point reduction, so one sum would
     * serialize on the add latency (about 4 cycles); eight keep both add units busy.
     */
    @Override
    public double dot(int i, double[] w) {
        double[] x = values;
        int o = i * columns, n = columns, j = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (; j + 7 < n; j += 8) {
            s0 += x[o + j] * w[j];
            s1 += x[o + j + 1] * w[j + 1];
            s2 += x[o + j + 2] * w[j + 2];
            s3 += x[o + j + 3] * w[j + 3];
            s4 += x[o + j + 4] * w[j + 4];
            s5 += x[o + j + 5] * w[j + 5];
            s6 += x[o + j + 6] * w[j + 6];
            s7 += x[o + j + 7] * w[j + 7];
        }
        for (; j + 1 < n; j += 2) {
            s0 += x[o + j] * w[j];
            s1 += x[o + j + 1] * w[j + 1];
        }
        if (j < n) s0 += x[o + j] * w[j];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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

    /** Values up to which the whole matrix is taken to stay in the core's caches (1 MiB). */
    static final int CACHED = 1 << 17;

    @Override
    public int blockRows() {
        return Math.max(4, Math.min(64, 8192 / Math.max(1, columns)));
    }

    /**
     * Data that stay in cache between calls (up to {@value #CACHED} values): four rows per sweep,
     * sharing the loads of w. Larger data stream from memory, where one row at a time measured
     * faster (0.37 against 0.96 ns per entry at 100000×100): the hardware prefetchers follow one
     * sequential stream better than four interleaved ones.
     */
    @Override
    public void dots(int[] rows, int from, int to, double[] w, double bias, double[] z) {
        double[] x = values;
        int n = columns, k = from;
        if (x.length > CACHED) {
            for (; k < to; k++) z[k - from] = dot(rows == null ? k : rows[k], w) + bias;
            return;
        }
        for (; k + 3 < to; k += 4) {
            int o0 = start(rows, k), o1 = start(rows, k + 1), o2 = start(rows, k + 2), o3 = start(rows, k + 3);
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            int j = 0;
            for (; j + 1 < n; j += 2) {
                double w0 = w[j], w1 = w[j + 1];
                a0 += x[o0 + j] * w0;
                b0 += x[o0 + j + 1] * w1;
                a1 += x[o1 + j] * w0;
                b1 += x[o1 + j + 1] * w1;
                a2 += x[o2 + j] * w0;
                b2 += x[o2 + j + 1] * w1;
                a3 += x[o3 + j] * w0;
                b3 += x[o3 + j + 1] * w1;
            }
            if (j < n) {
                double w0 = w[j];
                a0 += x[o0 + j] * w0;
                a1 += x[o1 + j] * w0;
                a2 += x[o2 + j] * w0;
                a3 += x[o3 + j] * w0;
            }
            int at = k - from;
            z[at] = (a0 + b0) + bias;
            z[at + 1] = (a1 + b1) + bias;
            z[at + 2] = (a2 + b2) + bias;
            z[at + 3] = (a3 + b3) + bias;
        }
        for (; k < to; k++) z[k - from] = dot(rows == null ? k : rows[k], w) + bias;
    }

    @Override
    public void addRows(int[] rows, int from, int to, double[] c, double[] g, int offset) {
        double[] x = values;
        int n = columns, k = from;
        for (; k + 3 < to; k += 4) {
            int o0 = start(rows, k), o1 = start(rows, k + 1), o2 = start(rows, k + 2), o3 = start(rows, k + 3);
            int at = k - from;
            double c0 = c[at], c1 = c[at + 1], c2 = c[at + 2], c3 = c[at + 3];
            for (int j = 0; j < n; j++) {
                g[offset + j] += (c0 * x[o0 + j] + c1 * x[o1 + j]) + (c2 * x[o2 + j] + c3 * x[o3 + j]);
            }
        }
        for (; k < to; k++) addRow(rows == null ? k : rows[k], c[k - from], g, offset);
    }

    /** Index in {@code values} of the first entry of block row k. */
    private int start(int[] rows, int k) {
        return (rows == null ? k : rows[k]) * columns;
    }
}
