package dev.descent.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * ½‖Ax − b‖² + ½λ‖x‖² with A row-major m×n. As a mean over rows (for minibatches) the data term is
 * (1/m)Σᵢ ℓᵢ with ℓᵢ = (m/2)·rᵢ², so a batch B estimates it by (m/|B|)·½Σ_{i∈B} rᵢ²: the sum of
 * squares scaled up to m rows, whose expectation is the full objective. Value and gradient take one pass over the rows
 * (rᵢ = aᵢ·x − bᵢ, ∇f += rᵢaᵢ), which keeps the residuals' precision near a good fit, where the
 * expanded form ½xᵀAᵀAx − (Aᵀb)ᵀx + ½‖b‖² would cancel. The Gram matrix AᵀA, needed for the Hessian
 * and the standard errors, is kept when n is small enough to store, else formed when asked.
 */
final class LinearLeastSquares implements Problem, RowSampled, LinearLeastSquaresProblem {
    /** Largest n whose AᵀA (n² doubles, 2 MB at 500) is computed once and kept. */
    static final int STORED_GRAM_MAX_DIMENSION = 500;
    /** Largest n for which {@link #describe} decomposes AᵀA + λI for standard errors (O(n³)). */
    static final int STANDARD_ERRORS_MAX_DIMENSION = 1000;

    private final double[] a;
    private final double[] b;
    private final double ridge;
    private final int m;
    private final int n;
    private final double[] gram;  // AᵀA or null

    LinearLeastSquares(double[] a, double[] b, double ridge) {
        this.a = a;
        this.b = b;
        this.ridge = ridge;
        this.m = b.length;
        this.n = a.length / m;
        this.gram = n <= STORED_GRAM_MAX_DIMENSION ? gram() : null;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        double rss = 0;
        for (int i = 0; i < m; i++) {
            double r = residual(i, x);
            rss += r * r;
        }
        return 0.5 * rss + 0.5 * ridge * squaredNorm(x);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        for (int j = 0; j < n; j++) gradient[j] = ridge * x[j];
        double rss = 0;
        for (int i = 0; i < m; i++) {
            double r = residual(i, x);
            rss += r * r;
            int o = i * n;
            for (int j = 0; j < n; j++) gradient[j] += r * a[o + j];
        }
        return 0.5 * rss + 0.5 * ridge * squaredNorm(x);
    }

    @Override
    public int rows() {
        return m;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient, int[] rows, int from, int to) {
        double scale = (double) m / (to - from);
        for (int j = 0; j < n; j++) gradient[j] = 0;
        double rss = 0;
        for (int k = from; k < to; k++) {
            int i = rows[k];
            double r = residual(i, x);
            rss += r * r;
            int o = i * n;
            for (int j = 0; j < n; j++) gradient[j] += r * a[o + j];
        }
        for (int j = 0; j < n; j++) gradient[j] = scale * gradient[j] + ridge * x[j];
        return 0.5 * scale * rss + 0.5 * ridge * squaredNorm(x);
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        if (gram != null) System.arraycopy(gram, 0, hessian, 0, n * n);
        else CommonOps_DDRM.multInner(DMatrixRMaj.wrap(m, n, a), DMatrixRMaj.wrap(n, n, hessian));
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
        for (int j = 0; j < n; j++) out[j] = ridge * v[j];
        for (int i = 0; i < m; i++) {
            int o = i * n;
            double av = 0;
            for (int j = 0; j < n; j++) av += a[o + j] * v[j];
            for (int j = 0; j < n; j++) out[j] += av * a[o + j];
        }
    }

    @Override
    public double[] defaultStart() {
        return new double[n];
    }

    /**
     * {@code residualSumOfSquares} Σrᵢ²; {@code parameterStandardErrors} √(s²·[(AᵀA + λI)⁻¹]ⱼⱼ)
     * with s² = RSS/(m − n), omitted when m ≤ n, n is too large or the matrix is numerically
     * singular; {@code rSquared} 1 − RSS/Σ(bᵢ − b̄)², omitted when b is constant.
     */
    @Override
    public Map<String, Object> describe(double[] x) {
        double rss = 0;
        for (int i = 0; i < m; i++) {
            double r = residual(i, x);
            rss += r * r;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("residualSumOfSquares", rss);
        if (m > n && n <= STANDARD_ERRORS_MAX_DIMENSION) {
            double[] inverseDiagonal = inverseDiagonal();
            if (inverseDiagonal != null) {
                double s2 = rss / (m - n);
                double[] errors = new double[n];
                for (int j = 0; j < n; j++) errors[j] = Math.sqrt(s2 * inverseDiagonal[j]);
                out.put("parameterStandardErrors", errors);
            }
        }
        double mean = 0;
        for (double v : b) mean += v;
        mean /= m;
        double tss = 0;
        for (double v : b) tss += (v - mean) * (v - mean);
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
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multInner(DMatrixRMaj.wrap(m, n, a), g);
        return g.data;
    }

    private double residual(int i, double[] x) {
        int o = i * n;
        double s = 0;
        for (int j = 0; j < n; j++) s += a[o + j] * x[j];
        return s - b[i];
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

    @Override
    public double[] design() {
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
