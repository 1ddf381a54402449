package dev.descent.problem;

import dev.descent.linalg.DenseRows;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * ½‖Ax − b‖² + ½λ‖x‖² with A m×n, dense row-major or CSR (a {@link Design}; standardized data are
 * only scaled, never centered, since there is no intercept to absorb a shift). As a mean over rows
 * (for minibatches) the data term is (1/m)Σᵢ ℓᵢ with ℓᵢ = (m/2)·rᵢ², so a batch B estimates it by
 * (m/|B|)·½Σ_{i∈B} rᵢ²: the sum of squares scaled up to m rows, whose expectation is the full
 * objective. Value and gradient take one fused pass over the rows (rᵢ = aᵢ·x − bᵢ, ∇f += rᵢaᵢ),
 * which keeps the residuals' precision near a good fit, where the expanded form
 * ½xᵀAᵀAx − (Aᵀb)ᵀx + ½‖b‖² would cancel; large passes are split by the kernel pool. The Gram matrix
 * AᵀA, needed for the Hessian and the standard errors, is kept when n is small enough to store,
 * else formed when asked.
 */
final class LinearLeastSquares extends RowPassProblem implements LinearLeastSquaresProblem {
    /** Largest n whose AᵀA (n² doubles, 2 MB at 500) is computed once and kept. */
    static final int STORED_GRAM_MAX_DIMENSION = 500;
    /** Largest n for which {@link #describe} decomposes AᵀA + λI for standard errors (O(n³)). */
    static final int STANDARD_ERRORS_MAX_DIMENSION = 1000;

    private final Design design;
    private final double[] b;
    private final double ridge;
    private final int n;
    private final List<String> featureNames;  // null: inline data, no names reported
    private final double[] gram;  // AᵀA (of the model-space rows) or null
    private final AtomicReference<Workspace> spare = new AtomicReference<>();

    LinearLeastSquares(Design design, double[] b, double ridge, List<String> featureNames) {
        super(b.length);
        this.design = design;
        this.b = b;
        this.ridge = ridge;
        this.n = design.columns();
        this.featureNames = featureNames;
        this.gram = n <= STORED_GRAM_MAX_DIMENSION ? gram() : null;
    }

    /** Effective weights; per chunk a partial gradient, a residual sum of squares and a block's residuals. */
    private record Workspace(double[] v, double[][] partial, double[] rss, double[][] r) {}

    @Override
    public int dimension() {
        return n;
    }

    @Override
    double pass(int[] rows, int from, int to, double[] x, double[] gradient) {
        Workspace w = workspace();
        try {
            design.effective(x, 0, w.v);
            int count = to - from, chunks = design.chunks(count);
            double[][] partial = gradient == null ? null : w.partial;
            if (chunks == 1) {
                w.rss[0] = chunk(rows, from, to, w.v, partial == null ? null : partial[0], w.r[0]);
            } else {
                Workspace ws = w;
                design.pool().run(chunks, c -> ws.rss[c] = chunk(rows, from + Design.start(c, chunks, count),
                        from + Design.start(c + 1, chunks, count), ws.v, partial == null ? null : partial[c], ws.r[c]));
            }
            double rss = 0;
            for (int c = 0; c < chunks; c++) rss += w.rss[c];
            double scale = rows == null ? 1 : (double) m / count;
            if (gradient != null) {
                double[] g = partial[0];
                for (int c = 1; c < chunks; c++) {
                    double[] p = partial[c];
                    for (int j = 0; j < n; j++) g[j] += p[j];
                }
                design.back(g, 0, 0, gradient, 0);
                for (int j = 0; j < n; j++) gradient[j] = scale * gradient[j] + ridge * x[j];
            }
            return 0.5 * scale * rss + 0.5 * ridge * squaredNorm(x);
        } finally {
            spare.set(w);
        }
    }

    /** Σrᵢ² over the rows; when g is not null, g = Σrᵢaᵢ. A block of rows at a time, residuals in {@code r}. */
    private double chunk(int[] rows, int from, int to, double[] v, double[] g, double[] r) {
        var data = design.x();
        int block = Math.min(data.blockRows(), r.length);
        if (g != null) Arrays.fill(g, 0.0);
        double s0 = 0, s1 = 0;
        for (int start = from; start < to; start += block) {
            int end = Math.min(to, start + block), length = end - start;
            data.dots(rows, start, end, v, 0, r);
            int k = 0;
            for (; k + 1 < length; k += 2) {
                double r0 = r[k] - b[rows == null ? start + k : rows[start + k]];
                double r1 = r[k + 1] - b[rows == null ? start + k + 1 : rows[start + k + 1]];
                r[k] = r0;
                r[k + 1] = r1;
                s0 += r0 * r0;
                s1 += r1 * r1;
            }
            if (k < length) {
                double r0 = r[k] - b[rows == null ? start + k : rows[start + k]];
                r[k] = r0;
                s0 += r0 * r0;
            }
            if (g != null) data.addRows(rows, start, end, r, g, 0);
        }
        return s0 + s1;
    }

    private Workspace workspace() {
        Workspace w = spare.getAndSet(null);
        if (w != null) return w;
        int t = design.pool().threads();
        return new Workspace(new double[n], new double[t][n], new double[t], new double[t][design.x().blockRows()]);
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        if (gram != null) System.arraycopy(gram, 0, hessian, 0, n * n);
        else gramInto(hessian);
        for (int j = 0; j < n; j++) hessian[j * n + j] += ridge;
    }

    /**
     * (AᵀA + λI)·v, exact and without allocating: through the stored Gram matrix when it is kept and
     * n ≤ m (n² work), else as Σᵢ (aᵢ·v)·aᵢ over the rows (2mn work).
     */
    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        if (gram != null && n <= m) {
            for (int j = 0; j < n; j++) {
                int o = j * n;
                double s = 0;
                for (int k = 0; k < n; k++) s += gram[o + k] * v[k];
                out[j] = s + ridge * v[j];
            }
            return;
        }
        Workspace w = workspace();
        try {
            design.effective(v, 0, w.v);
            double[] g = w.partial[0];
            Arrays.fill(g, 0.0);
            for (int i = 0; i < m; i++) design.x().addRow(i, design.x().dot(i, w.v), g, 0);
            design.back(g, 0, 0, out, 0);
            for (int j = 0; j < n; j++) out[j] += ridge * v[j];
        } finally {
            spare.set(w);
        }
    }

    @Override
    public double[] defaultStart() {
        return new double[n];
    }

    /**
     * {@code residualSumOfSquares} Σrᵢ²; {@code parameterStandardErrors} √(s²·[(AᵀA + λI)⁻¹]ⱼⱼ)
     * with s² = RSS/(m − n), omitted when m ≤ n, n is too large or the matrix is numerically
     * singular; {@code rSquared} 1 − RSS/Σ(bᵢ − b̄)², omitted when b is constant. Dataset problems
     * add {@code featureNames} and {@code coefficients} (in the data's units when standardized;
     * the standard errors then are too).
     */
    @Override
    public Map<String, Object> describe(double[] x) {
        double[] v = new double[n];
        design.effective(x, 0, v);
        double rss = 0;
        for (int i = 0; i < m; i++) {
            double r = design.x().dot(i, v) - b[i];
            rss += r * r;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (featureNames != null) {
            out.put("featureNames", featureNames);
            out.put("coefficients", v);
        }
        out.put("residualSumOfSquares", rss);
        if (m > n && n <= STANDARD_ERRORS_MAX_DIMENSION) {
            double[] inverseDiagonal = inverseDiagonal();
            if (inverseDiagonal != null) {
                double s2 = rss / (m - n);
                double[] errors = new double[n], scale = design.inverseScale();
                for (int j = 0; j < n; j++) errors[j] = Math.sqrt(s2 * inverseDiagonal[j]) * (scale == null ? 1 : scale[j]);
                out.put("parameterStandardErrors", errors);
            }
        }
        double mean = 0;
        for (double y : b) mean += y;
        mean /= m;
        double tss = 0;
        for (double y : b) tss += (y - mean) * (y - mean);
        if (tss > 0) out.put("rSquared", 1 - rss / tss);
        return out;
    }

    /**
     * diag((AᵀA + λI)⁻¹) from the symmetric eigendecomposition VΛVᵀ: Σₖ Vⱼₖ²/λₖ. Null when the
     * smallest eigenvalue is below n·ε·λmax, where the inverse would be rounding noise.
     */
    private double[] inverseDiagonal() {
        double[] h = new double[n * n];
        hessian(null, h);
        DMatrixRMaj matrix = DMatrixRMaj.wrap(n, n, h);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(matrix)) return null;
        double max = 0, min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double lambda = eig.getEigenvalue(k).getReal();
            max = Math.max(max, lambda);
            min = Math.min(min, lambda);
        }
        if (!(min > n * Math.ulp(1.0) * max)) return null;
        double[] diagonal = new double[n];
        for (int k = 0; k < n; k++) {
            double lambda = eig.getEigenvalue(k).getReal();
            DMatrixRMaj vector = eig.getEigenVector(k);
            double norm2 = 0;
            for (int j = 0; j < n; j++) norm2 += vector.data[j] * vector.data[j];
            for (int j = 0; j < n; j++) diagonal[j] += vector.data[j] * vector.data[j] / (norm2 * lambda);
        }
        return diagonal;
    }

    private double[] gram() {
        double[] g = new double[n * n];
        gramInto(g);
        return g;
    }

    /** AᵀA of the model-space rows into g (n×n). */
    private void gramInto(double[] g) {
        if (design.x() instanceof DenseRows dense && design.inverseScale() == null) {
            CommonOps_DDRM.multInner(DMatrixRMaj.wrap(m, n, dense.values()), DMatrixRMaj.wrap(n, n, g));
            return;
        }
        Arrays.fill(g, 0, n * n, 0.0);
        double[] u = new double[n];
        for (int i = 0; i < m; i++) {
            design.row(i, u);
            for (int j = 0; j < n; j++) {
                double uj = u[j];
                if (uj == 0) continue;
                for (int k = j; k < n; k++) g[j * n + k] += uj * u[k];
            }
        }
        for (int j = 0; j < n; j++) for (int k = 0; k < j; k++) g[j * n + k] = g[k * n + j];
    }

    private static double squaredNorm(double[] x) {
        double s = 0;
        for (double v : x) s += v * v;
        return s;
    }

    @Override
    public String toString() {
        return "LinearLeastSquares[m=" + m + ", n=" + n + ", ridge=" + ridge + "]";
    }

    private volatile double[] dense;

    /** A row-major copy of the design the fit sees (scaled when standardized), made on first use. */
    @Override
    public double[] design() {
        double[] a = dense;
        if (a == null) {
            a = new double[m * n];
            double[] row = new double[n];
            for (int i = 0; i < m; i++) {
                design.row(i, row);
                System.arraycopy(row, 0, a, i * n, n);
            }
            dense = a;
        }
        return a;
    }

    @Override
    public double[] observations() {
        return b;
    }

    @Override
    public double ridge() {
        return ridge;
    }
}
