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
    /** Values in a block of rows longer than {@value #SHORT} columns (256 KiB). */
    static final int LONG_BLOCK = 1 << 15;

    /**
     * Rows longer than {@value #SHORT} columns in blocks of about {@value #LONG_BLOCK} values (256 KiB,
     * at least eight rows: 327 rows of 100 columns, 32 of 1000), which stay in L2 between the scores and
     * the gradient update, so that the scores read one long sequential stream from memory, which the
     * hardware prefetcher follows best, and the gradient's sums, held in registers over the block
     * ({@link Kernels#addRows}), are written back once per 256 KiB. Shorter rows in blocks of 64 (at
     * most 16 KiB). Blocks of 163, 250 or 655 rows of 100 columns, or of 16 or 65 rows of 1000, measured
     * slower; larger blocks of short rows made no difference.
     */
    @Override
    public int blockRows() {
        if (columns > SHORT) return Math.max(8, LONG_BLOCK / columns);
        return 64;
    }

    /**
     * Data that stay in cache between calls (up to {@value #CACHED} values), or rows of at most
     * {@value #SHORT} columns: four rows per sweep ({@link Kernels#dots4}), sharing the loads of w.
     * Larger data with longer rows stream from memory one row at a time ({@link Kernels#dotsByRow}):
     * several rows per sweep interleave as many streams, which this machine's prefetcher follows
     * worst (two or four rows of 100 columns per sweep measured 2.3–2.7× slower from memory, though
     * faster from cache); four short consecutive rows are one stream.
     */
    @Override
    public void dots(int[] rows, int from, int to, double[] w, double bias, double[] z) {
        double[] x = values;
        int n = columns, k = from;
        if (x.length > CACHED && n > SHORT) {
            Kernels.dotsByRow(x, rows, from, to, n, w, bias, z);
            return;
        }
        for (; k + 3 < to; k += 4) {
            Kernels.dots4(x, start(rows, k), start(rows, k + 1), start(rows, k + 2), start(rows, k + 3), w, n, bias,
                    z, k - from);
        }
        for (; k < to; k++) z[k - from] = dot(rows == null ? k : rows[k], w) + bias;
    }

    /** {@link Kernels#addRows}: strips of columns whose sums stay in registers over the block's rows. */
    @Override
    public void addRows(int[] rows, int from, int to, double[] c, double[] g, int offset) {
        Kernels.addRows(values, rows, from, to, columns, c, g, offset);
    }

    /** Index in {@code values} of the first entry of block row k. */
    private int start(int[] rows, int k) {
        return Kernels.start(rows, k, columns);
    }
}
