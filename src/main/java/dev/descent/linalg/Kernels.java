package dev.descent.linalg;

/**
 * Block kernels of the data problems, run by {@link VectorKernels} (the Vector API,
 * {@code jdk.incubator.vector}) when that module is in the boot layer and the CPU has vectors of at
 * least four doubles, and by {@link ScalarKernels} otherwise. The JDK resolves the incubator module
 * only when asked ({@code --add-modules jdk.incubator.vector}: the Dockerfile's entry point,
 * {@code spring-boot:run} and the tests pass it); without it every kernel is scalar. The choice is
 * made once, when this class is initialized, so the JIT folds it away, and {@link VectorKernels}
 * is never loaded when it cannot link.
 */
public final class Kernels {
    /** True when the vector kernels run. */
    public static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorKernels.S.length() >= 4;
    /** Doubles per vector of the vector kernels (1 when they do not run). */
    private static final int LANES = VECTOR ? VectorKernels.S.length() : 1;

    private Kernels() {}

    /**
     * Logistic losses and coefficients of a block of rows: with tₖ = yₖ·zₖ (y at
     * {@code y[yOffset + k]}, ±1) and eₖ = exp(−|tₖ|), writes c[k] = −yₖ·σ(−tₖ)·scale (σ(−t) =
     * e/(1+e) for t ≥ 0, 1/(1+e) otherwise) and returns Σₖ softplus(−tₖ) = Σₖ [log(1 + eₖ) +
     * max(−tₖ, 0)], finite for any margin. The logs are taken of products of the factors 1 + eₖ ∈
     * [1, 2], at most 512 at a time (no overflow), so up to 512 rows cost one log.
     */
    public static double logistic(double[] z, double[] y, int yOffset, int length, double scale, double[] c) {
        return VECTOR ? VectorKernels.logistic(z, y, yOffset, length, scale, c)
                : ScalarKernels.logistic(z, y, yOffset, length, scale, c);
    }

    /**
     * Softmax losses and coefficients of a block of rows: with class scores z[c][r] (c < classes,
     * r < length) and the row's class label[r], returns Σᵣ [log Σ꜀ exp(z꜀ᵣ − mᵣ) − (z_{label[r]},ᵣ − mᵣ)]
     * with mᵣ = max꜀ z꜀ᵣ (finite for any scores), and when {@code gradient} overwrites z with the
     * coefficients scale·(p꜀ᵣ − [c = label[r]]), p꜀ᵣ the softmax probabilities. {@code labelScores}
     * is work space of at least {@code length} values.
     */
    public static double softmax(double[][] z, int classes, int length, int[] label, double scale, boolean gradient,
                                 double[] labelScores) {
        return VECTOR ? VectorKernels.softmax(z, classes, length, label, scale, gradient, labelScores)
                : ScalarKernels.softmax(z, classes, length, label, scale, gradient, labelScores);
    }

    /** Σⱼ x[o + j]·w[j] for j < n. */
    static double dot(double[] x, int o, double[] w, int n) {
        return VECTOR ? VectorKernels.dot(x, o, w, n) : ScalarKernels.dot(x, o, w, n);
    }

    /** z[at + r] = xᵣ·w + bias for the four rows of n entries starting at o0 … o3. */
    static void dots4(double[] x, int o0, int o1, int o2, int o3, double[] w, int n, double bias, double[] z, int at) {
        if (VECTOR) {
            VectorKernels.dots4(x, o0, o1, o2, o3, w, n, bias, z, at);
        } else {
            ScalarKernels.dots4(x, o0, o1, o2, o3, w, n, bias, z, at);
        }
    }

    /** Index of the first entry of row rows[k] (or row k when rows is null) of a row-major matrix of n columns. */
    static int start(int[] rows, int k, int n) {
        return (rows == null ? k : rows[k]) * n;
    }

    /** z[at + r] = xᵢ·w + bias for the eight rows i = rows[k + r] (or k + r when rows is null) of n entries, row i at i·n. */
    static void dots8(double[] x, int[] rows, int k, int n, double[] w, double bias, double[] z, int at) {
        if (VECTOR) {
            VectorKernels.dots8(x, rows, k, n, w, bias, z, at);
        } else {
            ScalarKernels.dots8(x, rows, k, n, w, bias, z, at);
        }
    }

    /**
     * z[k − from] = xᵢ·w + bias for the rows i = rows[k] (or k when rows is null) in [from, to), each of
     * n entries at i·n, one row at a time (scalar code for rows shorter than a vector).
     */
    static void dotsByRow(double[] x, int[] rows, int from, int to, int n, double[] w, double bias, double[] z) {
        if (VECTOR && n >= LANES) {
            VectorKernels.dotsByRow(x, rows, from, to, n, w, bias, z);
        } else {
            for (int k = from; k < to; k++) z[k - from] = ScalarKernels.dot(x, start(rows, k, n), w, n) + bias;
        }
    }

    /**
     * g[offset + j] += Σₖ c[k − from]·x[iₖ·n + j] for j < n over the same rows as {@link #dotsByRow}:
     * strips of columns whose sums stay in registers over the rows ({@link VectorKernels}), or four rows
     * per sweep over g in scalar code (without the Vector API, or for rows shorter than a vector).
     */
    static void addRows(double[] x, int[] rows, int from, int to, int n, double[] c, double[] g, int offset) {
        if (VECTOR && n >= LANES) {
            VectorKernels.addRowsByColumns(x, rows, from, to, n, c, g, offset);
        } else {
            ScalarKernels.addRows(x, rows, from, to, n, c, g, offset);
        }
    }
}
