package dev.descent.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * min ‖Ax − b‖ for a dense m×n A (m ≥ n) to nearly full double precision, as far as the data allow:
 * <ol>
 * <li>columns scaled to unit 2-norm by powers of two (exact, so the scaled problem is the same
 * problem), which makes the condition number independent of the units of each column;</li>
 * <li>a factorization A·D⁻¹ = Q₁·R: Householder QR (EJML) or the SVD U₁·(ΣVᵀ) with singular values
 * below max(m, n)·ε·σ₁ dropped (the rank);</li>
 * <li>iterative refinement of the augmented system [I A; Aᵀ 0]·[r; x] = [b; 0] (Björck, "Iterative
 * refinement of linear least squares solutions I", BIT 7, 1967; Numerical Methods for Least Squares
 * Problems, SIAM 1996, section 2.9), its residuals computed in twice the working precision by
 * {@link CompensatedSum}. Refining x alone would not help a large-residual problem, whose error
 * grows with κ²·‖r‖; refining r with it does.</li>
 * </ol>
 */
public final class RefinedLeastSquares {
    /** Most refinement steps; each gains about −log10(κ·ε) digits. */
    static final int MAX_REFINEMENTS = 20;

    private final int m, n;
    private final double[] a;       // scaled A, row-major
    private final double[] scale;   // column j was divided by scale[j]
    private final double[] q;       // Q₁ (or U₁) m×n row-major
    private final double[] r;       // R n×n row-major (QR), or Vᵀ (SVD)
    private final double[] sigma;   // singular values (SVD) or null
    private final int rank;
    private int refinements;

    private RefinedLeastSquares(int m, int n, double[] a, double[] scale, double[] q, double[] r, double[] sigma, int rank) {
        this.m = m;
        this.n = n;
        this.a = a;
        this.scale = scale;
        this.q = q;
        this.r = r;
        this.sigma = sigma;
        this.rank = rank;
    }

    /** Householder QR of A (m×n row-major, not written); rank is n unless a diagonal entry of R is negligible. */
    public static RefinedLeastSquares qr(double[] design, int m, int n) {
        double[] scale = new double[n];
        double[] a = scaled(design, m, n, scale);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
        // EJML reports an exactly singular R as a failed decomposition.
        if (!qr.decompose(DMatrixRMaj.wrap(m, n, a.clone()))) return new RefinedLeastSquares(m, n, a, scale, null, null, null, 0);
        DMatrixRMaj q = qr.getQ(null, true), r = qr.getR(null, true);
        double max = 0;
        for (int j = 0; j < n; j++) max = Math.max(max, Math.abs(r.get(j, j)));
        double tolerance = max * Math.max(m, n) * Math.ulp(1.0);
        int rank = 0;
        for (int j = 0; j < n; j++) if (Math.abs(r.get(j, j)) > tolerance) rank++;
        return new RefinedLeastSquares(m, n, a, scale, q.data, r.data, null, rank);
    }

    /** SVD of A (m×n row-major, not written), truncated at the numerical rank. */
    public static RefinedLeastSquares svd(double[] design, int m, int n) {
        double[] scale = new double[n];
        double[] a = scaled(design, m, n, scale);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
        if (!svd.decompose(DMatrixRMaj.wrap(m, n, a.clone()))) throw new IllegalStateException("SVD did not converge");
        double[] s = svd.getSingularValues().clone();
        DMatrixRMaj u = svd.getU(null, false), v = svd.getV(null, false);
        // Sort descending (EJML does not promise an order).
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) order[j] = j;
        Arrays.sort(order, (x, y) -> Double.compare(s[y], s[x]));
        double[] sorted = new double[n], qu = new double[m * n], vt = new double[n * n];
        for (int k = 0; k < n; k++) {
            int j = order[k];
            sorted[k] = s[j];
            for (int i = 0; i < m; i++) qu[i * n + k] = u.get(i, j);
            for (int i = 0; i < n; i++) vt[k * n + i] = v.get(i, j);
        }
        double tolerance = sorted[0] * Math.max(m, n) * Math.ulp(1.0);
        int rank = 0;
        while (rank < n && sorted[rank] > tolerance) rank++;
        return new RefinedLeastSquares(m, n, a, scale, qu, vt, sorted, rank);
    }

    /** The numerical rank (0 when QR met an exactly singular column). */
    public int rank() {
        return rank;
    }

    /** Singular values of the column-scaled A, largest first (SVD only). */
    public double[] singularValues() {
        return sigma == null ? null : sigma.clone();
    }

    /** Refinement steps the last {@link #solve} took. */
    public int refinements() {
        return refinements;
    }

    /** The least-squares solution for b (m); with the SVD and rank < n, the minimum-norm one in scaled units. */
    public double[] solve(double[] b) {
        double[] x = new double[n], res = new double[m], f = new double[m], g = new double[n];
        double[] d1 = new double[n], h = new double[n], dx = new double[n], t = new double[n];
        // x₀ = R⁻¹Q₁ᵀb, r₀ = b − Ax₀
        multiplyQTransposed(b, d1);
        solveR(d1, x);
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < m; i++) {
            sum.reset().add(b[i]);
            for (int j = 0; j < n; j++) sum.addProduct(-a[i * n + j], x[j]);
            res[i] = sum.value();
        }
        refinements = 0;
        for (int step = 0; step < MAX_REFINEMENTS; step++) {
            for (int i = 0; i < m; i++) {
                sum.reset().add(b[i]).add(-res[i]);
                for (int j = 0; j < n; j++) sum.addProduct(-a[i * n + j], x[j]);
                f[i] = sum.value();
            }
            for (int j = 0; j < n; j++) {
                sum.reset();
                for (int i = 0; i < m; i++) sum.addProduct(-a[i * n + j], res[i]);
                g[j] = sum.value();
            }
            solveRTransposed(g, h);
            multiplyQTransposed(f, d1);
            for (int j = 0; j < n; j++) t[j] = d1[j] - h[j];
            solveR(t, dx);
            double change = 0, size = 0;
            for (int j = 0; j < n; j++) {
                x[j] += dx[j];
                change = Math.max(change, Math.abs(dx[j]));
                size = Math.max(size, Math.abs(x[j]));
            }
            // δr = f + Q₁(h − d₁): the part of f outside range(Q₁) plus Q₁h.
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) s -= q[i * n + j] * t[j];
                res[i] += f[i] + s;
            }
            refinements++;
            if (change <= Math.ulp(1.0) * size) break;
        }
        for (int j = 0; j < n; j++) x[j] /= scale[j];
        return x;
    }

    private void multiplyQTransposed(double[] v, double[] out) {
        Arrays.fill(out, 0.0);
        for (int i = 0; i < m; i++) {
            double vi = v[i];
            for (int j = 0; j < n; j++) out[j] += q[i * n + j] * vi;
        }
    }

    /** out = R⁻¹·v (QR: back substitution; SVD: V·Σ⁺·v). */
    private void solveR(double[] v, double[] out) {
        if (sigma == null) {
            for (int i = n - 1; i >= 0; i--) {
                double s = v[i];
                for (int j = i + 1; j < n; j++) s -= r[i * n + j] * out[j];
                out[i] = i < rank || Math.abs(r[i * n + i]) > 0 ? s / r[i * n + i] : 0;
            }
        } else {
            Arrays.fill(out, 0.0);
            for (int k = 0; k < rank; k++) {
                double c = v[k] / sigma[k];
                for (int j = 0; j < n; j++) out[j] += r[k * n + j] * c;
            }
        }
    }

    /** out = R⁻ᵀ·v (QR: forward substitution on Rᵀ; SVD: Σ⁺·Vᵀ·v). */
    private void solveRTransposed(double[] v, double[] out) {
        if (sigma == null) {
            for (int i = 0; i < n; i++) {
                double s = v[i];
                for (int j = 0; j < i; j++) s -= r[j * n + i] * out[j];
                out[i] = s / r[i * n + i];
            }
        } else {
            for (int k = 0; k < n; k++) {
                if (k >= rank) {
                    out[k] = 0;
                    continue;
                }
                double s = 0;
                for (int j = 0; j < n; j++) s += r[k * n + j] * v[j];
                out[k] = s / sigma[k];
            }
        }
    }

    /** A·D⁻¹ with D the powers of two nearest the column norms (zero columns unscaled). */
    private static double[] scaled(double[] design, int m, int n, double[] scale) {
        double[] a = design.clone();
        for (int j = 0; j < n; j++) {
            double norm = 0;
            for (int i = 0; i < m; i++) norm = Math.hypot(norm, design[i * n + j]);
            scale[j] = norm == 0 || !Double.isFinite(norm) ? 1 : Math.scalb(1.0, Math.getExponent(norm));
            for (int i = 0; i < m; i++) a[i * n + j] = design[i * n + j] / scale[j];
        }
        return a;
    }
}
