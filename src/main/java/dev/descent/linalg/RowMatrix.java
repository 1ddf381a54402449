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
}
