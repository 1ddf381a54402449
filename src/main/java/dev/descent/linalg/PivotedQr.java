package dev.descent.linalg;

/**
 * Householder QR factorization with column pivoting of an m×n matrix (m ≥ n) and the solution of
 * the damped triangular systems of a trust-region step, ported from MINPACK's qrfac and qrsolv
 * (Moré, Garbow &amp; Hillstrom, Argonne ANL-80-74, 1980), including its cheap downdating of the
 * remaining column norms. Matrices are column-major (element (i, j) at j·m + i), as in MINPACK.
 * Work arrays are made once per instance; not thread-safe.
 */
public final class PivotedQr implements java.io.Serializable {
    private static final double P05 = 0.05;
    private static final double EPS = Math.ulp(1.0);

    private final int m, n;
    /** After {@link #factor}: R above the diagonal (its diagonal in {@link #rDiagonal}), Householder vectors below. */
    public final double[] a;
    /** Column j of R·Pᵀ is column permutation[j] of the original. */
    public final int[] permutation;
    /** The diagonal of R. */
    public final double[] rDiagonal;
    /** The 2-norms of the original columns. */
    public final double[] columnNorms;
    private final double[] work;

    public PivotedQr(int m, int n) {
        if (m < n) throw new IllegalArgumentException("needs m ≥ n, got " + m + "×" + n);
        this.m = m;
        this.n = n;
        this.a = new double[m * n];
        this.permutation = new int[n];
        this.rDiagonal = new double[n];
        this.columnNorms = new double[n];
        this.work = new double[n];
    }

    public int rows() {
        return m;
    }

    public int columns() {
        return n;
    }

    /** Factors {@link #a} in place (qrfac with pivot = true). */
    public void factor() {
        for (int j = 0; j < n; j++) {
            columnNorms[j] = norm(a, j * m, m);
            rDiagonal[j] = columnNorms[j];
            work[j] = rDiagonal[j];
            permutation[j] = j;
        }
        for (int j = 0; j < n; j++) {
            int kmax = j;
            for (int k = j; k < n; k++) if (rDiagonal[k] > rDiagonal[kmax]) kmax = k;
            if (kmax != j) {
                for (int i = 0; i < m; i++) {
                    double t = a[j * m + i];
                    a[j * m + i] = a[kmax * m + i];
                    a[kmax * m + i] = t;
                }
                rDiagonal[kmax] = rDiagonal[j];
                work[kmax] = work[j];
                int t = permutation[j];
                permutation[j] = permutation[kmax];
                permutation[kmax] = t;
            }
            int cj = j * m;
            double ajnorm = norm(a, cj + j, m - j);
            if (ajnorm != 0) {
                if (a[cj + j] < 0) ajnorm = -ajnorm;
                for (int i = j; i < m; i++) a[cj + i] /= ajnorm;
                a[cj + j] += 1;
                for (int k = j + 1; k < n; k++) {
                    int ck = k * m;
                    double sum = 0;
                    for (int i = j; i < m; i++) sum += a[cj + i] * a[ck + i];
                    double temp = sum / a[cj + j];
                    for (int i = j; i < m; i++) a[ck + i] -= temp * a[cj + i];
                    if (rDiagonal[k] != 0) {
                        temp = a[ck + j] / rDiagonal[k];
                        rDiagonal[k] *= Math.sqrt(Math.max(0, 1 - temp * temp));
                        double ratio = rDiagonal[k] / work[k];
                        if (P05 * ratio * ratio <= EPS) {
                            rDiagonal[k] = norm(a, ck + j + 1, m - j - 1);
                            work[k] = rDiagonal[k];
                        }
                    }
                }
            }
            rDiagonal[j] = -ajnorm;
        }
    }

    /**
     * Qᵀ·v in place for the factored matrix (v of length m); the first n entries are then the
     * right-hand side of R. Leaves {@link #a} as R (upper triangle and diagonal) over the vectors.
     */
    public void applyTransposeQ(double[] v) {
        for (int j = 0; j < n; j++) {
            int cj = j * m;
            if (a[cj + j] != 0) {
                double sum = 0;
                for (int i = j; i < m; i++) sum += a[cj + i] * v[i];
                double temp = -sum / a[cj + j];
                for (int i = j; i < m; i++) v[i] += a[cj + i] * temp;
            }
        }
    }

    /** Writes the diagonal of R into the matrix, as lmder does once Qᵀf is formed (vectors are then lost). */
    public void storeRDiagonal() {
        for (int j = 0; j < n; j++) a[j * m + j] = rDiagonal[j];
    }

    /**
     * qrsolv: given R (upper triangle of {@link #a}, leading dimension m) from A·P = Q·R, the n-vector
     * {@code diag} D and qtb = Qᵀb (first n entries), solves min ‖Ax − b‖² + ‖Dx‖² into {@code x}; the
     * diagonal of the triangular factor S of PᵀAᵀAP + PᵀDDP = SᵀS goes to {@code sDiagonal}, its
     * strict lower triangle into the lower triangle of {@link #a} (R's upper triangle is kept).
     */
    public void solveDamped(double[] diag, double[] qtb, double[] x, double[] sDiagonal, double[] wa) {
        double[] r = a;
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) r[j * m + i] = r[i * m + j];
            x[j] = r[j * m + j];
            wa[j] = qtb[j];
        }
        for (int j = 0; j < n; j++) {
            int l = permutation[j];
            if (diag[l] != 0) {
                for (int k = j; k < n; k++) sDiagonal[k] = 0;
                sDiagonal[j] = diag[l];
                double qtbpj = 0;
                for (int k = j; k < n; k++) {
                    if (sDiagonal[k] == 0) continue;
                    double rkk = r[k * m + k], sin, cos;
                    if (Math.abs(rkk) < Math.abs(sDiagonal[k])) {
                        double cotan = rkk / sDiagonal[k];
                        sin = 0.5 / Math.sqrt(0.25 + 0.25 * cotan * cotan);
                        cos = sin * cotan;
                    } else {
                        double tan = sDiagonal[k] / rkk;
                        cos = 0.5 / Math.sqrt(0.25 + 0.25 * tan * tan);
                        sin = cos * tan;
                    }
                    r[k * m + k] = cos * rkk + sin * sDiagonal[k];
                    double temp = cos * wa[k] + sin * qtbpj;
                    qtbpj = -sin * wa[k] + cos * qtbpj;
                    wa[k] = temp;
                    for (int i = k + 1; i < n; i++) {
                        double rik = r[k * m + i];
                        temp = cos * rik + sin * sDiagonal[i];
                        sDiagonal[i] = -sin * rik + cos * sDiagonal[i];
                        r[k * m + i] = temp;
                    }
                }
            }
            sDiagonal[j] = r[j * m + j];
            r[j * m + j] = x[j];
        }
        int nsing = n;
        for (int j = 0; j < n; j++) {
            if (sDiagonal[j] == 0 && nsing == n) nsing = j;
            if (nsing < n) wa[j] = 0;
        }
        for (int j = nsing - 1; j >= 0; j--) {
            double sum = 0;
            for (int i = j + 1; i < nsing; i++) sum += r[j * m + i] * wa[i];
            wa[j] = (wa[j] - sum) / sDiagonal[j];
        }
        for (int j = 0; j < n; j++) x[permutation[j]] = wa[j];
    }

    /** R(i, j) for i ≤ j, after {@link #storeRDiagonal}. */
    public double r(int i, int j) {
        return a[j * m + i];
    }

    /** ‖v[from … from+length)‖₂ without overflow or harmful underflow. */
    public static double norm(double[] v, int from, int length) {
        double scale = 0;
        for (int i = from; i < from + length; i++) scale = Math.max(scale, Math.abs(v[i]));
        if (scale == 0 || !Double.isFinite(scale)) return scale;
        double s = 0;
        for (int i = from; i < from + length; i++) {
            double t = v[i] / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }

    /** ‖v[0 … length)‖₂. */
    public static double norm(double[] v, int length) {
        return norm(v, 0, length);
    }
}
