package dev.descent.problem;

import dev.descent.linalg.KernelPool;
import dev.descent.linalg.RowMatrix;

/**
 * The data rows of a linear model, z-scored or not, and the kernel pool that splits passes over
 * them. Standardization never touches the shared data: with xᵢ' = (xᵢ − μ)/σ a linear score
 * w'·xᵢ' + b' equals v·xᵢ + (b' − v·μ) with v = w'/σ, so kernels run on the raw rows with the
 * effective weights v, and the gradient returns through the chain rule,
 * ∂/∂w'ⱼ = (Gⱼ − μⱼ·C)/σⱼ with G = Σcᵢxᵢ and C = Σcᵢ. Sparse data stays sparse. Centering needs an
 * intercept to absorb it; without one ({@code mean} null) columns are only scaled.
 *
 * @param inverseScale 1/σⱼ per column (1 for a constant column), or null when not standardized
 * @param mean         μⱼ per column, or null when not centered
 */
record Design(RowMatrix x, double[] mean, double[] inverseScale, KernelPool pool) {

    /** Raw rows, no standardization. */
    static Design raw(RowMatrix x, KernelPool pool) {
        return new Design(x, null, null, pool);
    }

    /** Rows z-scored by their column means and population standard deviations (means only when {@code center}). */
    static Design standardized(RowMatrix x, boolean center, KernelPool pool) {
        int m = x.rows(), n = x.columns();
        double[] mean = new double[n], sq = new double[n], row = new double[n];
        for (int i = 0; i < m; i++) x.addRow(i, 1, mean, 0);
        for (int j = 0; j < n; j++) mean[j] /= m;
        for (int i = 0; i < m; i++) {
            x.copyRow(i, row);  // two passes: Σ(x − μ)² does not cancel as Σx² − mμ² would
            for (int j = 0; j < n; j++) sq[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
        double[] inverse = new double[n];
        for (int j = 0; j < n; j++) {
            double sigma = Math.sqrt(sq[j] / m);
            inverse[j] = sigma > 0 ? 1 / sigma : 1;
        }
        return new Design(x, center ? mean : null, inverse, pool);
    }

    int rows() {
        return x.rows();
    }

    int columns() {
        return x.columns();
    }

    /** Chunks for a pass over {@code count} of the m rows. */
    int chunks(int count) {
        return pool.chunks(x.storedEntries() / Math.max(1, x.rows()) * count, count);
    }

    /**
     * The effective raw-space weights v = w'/σ of the n parameters at {@code w[offset…]} into
     * {@code v}; returns the shift −v·μ to add to the intercept (0 when not centered).
     */
    double effective(double[] w, int offset, double[] v) {
        int n = x.columns();
        if (inverseScale == null) {
            System.arraycopy(w, offset, v, 0, n);
            return 0;
        }
        double shift = 0;
        for (int j = 0; j < n; j++) {
            v[j] = w[offset + j] * inverseScale[j];
            if (mean != null) shift -= v[j] * mean[j];
        }
        return shift;
    }

    /**
     * Turns G = Σcᵢxᵢ at {@code raw[rawOffset…]} and C = Σcᵢ into the gradient with respect to the
     * standardized weights, written to {@code g[offset…]}.
     */
    void back(double[] raw, int rawOffset, double c, double[] g, int offset) {
        int n = x.columns();
        if (inverseScale == null) {
            System.arraycopy(raw, rawOffset, g, offset, n);
            return;
        }
        for (int j = 0; j < n; j++) {
            double gj = raw[rawOffset + j] - (mean != null ? mean[j] * c : 0);
            g[offset + j] = gj * inverseScale[j];
        }
    }

    /** Row i as the model sees it (standardized when that applies), densely into {@code out}. */
    void row(int i, double[] out) {
        x.copyRow(i, out);
        if (inverseScale == null) return;
        for (int j = 0; j < out.length && j < x.columns(); j++) {
            out[j] = (out[j] - (mean != null ? mean[j] : 0)) * inverseScale[j];
        }
    }

    /** Row of chunk c's first entry when {@code count} rows are split into {@code chunks}. */
    static int start(int c, int chunks, int count) {
        return KernelPool.chunkStart(c, chunks, count);
    }
}
