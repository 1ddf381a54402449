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

    /** {@link Kernels#dot}: vector accumulators, or eight scalar ones without the Vector API. */
    @Override
    public double dot(int i, double[] w) {
        return Kernels.dot(values, i * columns, w, columns);
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
    /** Columns up to which four consecutive rows (at most 1 KiB) are one short sequential stream. */
    static final int SHORT = 32;

    /**
     * Up to 64 rows of at most 8 KiB in all; rows of at least {@value #LONG} columns in blocks of about
     * {@value #LONG_BLOCK} values (256 KiB, at least eight rows), which stay in L2 between the scores
     * and the gradient update: the scores then read one long sequential stream from memory, which the
     * hardware prefetcher follows best (10000×1000: blocks of 32 rows instead of 8).
     */
    @Override
    public int blockRows() {
        if (columns >= LONG) return Math.max(8, LONG_BLOCK / columns);
        return Math.max(4, Math.min(64, 8192 / Math.max(1, columns)));
    }

    /** Values in a block of long rows ({@link #blockRows}). */
    static final int LONG_BLOCK = 1 << 15;

    /**
     * Data that stay in cache between calls (up to {@value #CACHED} values), or rows of at most
     * {@value #SHORT} columns: four rows per sweep ({@link Kernels#dots4}), sharing the loads of w.
     * Larger data with longer rows stream from memory one row at a time, which measured faster there
     * (0.37 against 0.96 ns per entry at 100000×100, scalar code; eight rows of 100 columns per sweep
     * measured much slower too; at 10000×1000 one row at a time in blocks of 32 rows reads memory
     * faster than eight rows per sweep, {@link Kernels#dots8}, which keeps eight streams open); four
     * short consecutive rows are one stream.
     */
    @Override
    public void dots(int[] rows, int from, int to, double[] w, double bias, double[] z) {
        double[] x = values;
        int n = columns, k = from;
        if (x.length > CACHED && n > SHORT) {
            for (; k < to; k++) z[k - from] = dot(rows == null ? k : rows[k], w) + bias;
            return;
        }
        for (; k + 3 < to; k += 4) {
            Kernels.dots4(x, start(rows, k), start(rows, k + 1), start(rows, k + 2), start(rows, k + 3), w, n, bias,
                    z, k - from);
        }
        for (; k < to; k++) z[k - from] = dot(rows == null ? k : rows[k], w) + bias;
    }

    /** Columns from which rows are added eight per sweep ({@link Kernels#addRows8}) rather than four. */
    static final int LONG = 256;

    /**
     * Rows of at least {@value #LONG} columns (a block then no longer fits in L1, and the pass reads it
     * back from L2) are added eight per sweep: g is loaded and stored half as often, and more of the
     * block's rows are read at once (10000×1000, with the eight-row scores: about 7 % faster on
     * average). Shorter rows, four per sweep, where eight measured slightly slower.
     */
    @Override
    public void addRows(int[] rows, int from, int to, double[] c, double[] g, int offset) {
        double[] x = values;
        int n = columns, k = from;
        if (n >= LONG) {
            for (; k + 7 < to; k += 8) Kernels.addRows8(x, rows, k, n, c, k - from, g, offset);
        }
        for (; k + 3 < to; k += 4) {
            int at = k - from;
            Kernels.addRows4(x, start(rows, k), start(rows, k + 1), start(rows, k + 2), start(rows, k + 3), c[at],
                    c[at + 1], c[at + 2], c[at + 3], g, offset, n);
        }
        for (; k < to; k++) addRow(rows == null ? k : rows[k], c[k - from], g, offset);
    }

    /** Index in {@code values} of the first entry of block row k. */
    private int start(int[] rows, int k) {
        return Kernels.start(rows, k, columns);
    }
}
