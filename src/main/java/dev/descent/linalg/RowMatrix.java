package dev.descent.linalg;

/**
 * A read-only m×n data matrix accessed a row at a time, stored row-major dense or as CSR. Kernels
 * over data (loss and gradient of a model) need only a row's dot product with a weight vector and
 * the scaled row added into a gradient, both in one pass over the row's stored entries. Instances
 * share their arrays with every problem built on them and never write them.
 */
public sealed interface RowMatrix permits DenseRows, SparseRows {

    int rows();

    int columns();

    /** Entries held in memory: m·n for dense data, the non-zeros for sparse. */
    long storedEntries();

    /** xᵢ·w over the first n entries of w. */
    double dot(int i, double[] w);

    /** g[offset + j] += c·xᵢⱼ for every stored entry j of row i. Writes g only. */
    void addRow(int i, double c, double[] g, int offset);

    /** Row i written densely into {@code out} (length ≥ n). */
    void copyRow(int i, double[] out);

    /**
     * Scores of a block of rows: {@code z[k − from] = xᵢ·w + bias} for k in [from, to), with
     * i = {@code rows[k]}, or i = k when {@code rows} is null. Sums use several accumulators (the
     * JIT keeps a floating-point sum in order, so one accumulator would wait on every add).
     */
    void dots(int[] rows, int from, int to, double[] w, double bias, double[] z);

    /**
     * {@code g[offset + j] += Σₖ c[k − from]·xᵢⱼ} over the same block of rows as {@link #dots}.
     * Dense data take the columns in strips whose sums stay in registers over all the block's rows
     * ({@link Kernels#addRows}), so g is read and written once per block (the scalar kernels add four
     * rows per sweep over g).
     */
    void addRows(int[] rows, int from, int to, double[] c, double[] g, int offset);

    /**
     * Rows per block for {@link #dots} and {@link #addRows}: the block is read twice, so it should
     * stay in the core's own caches between the passes (64 rows here; dense rows choose their own).
     */
    default int blockRows() {
        return 64;
    }
}
