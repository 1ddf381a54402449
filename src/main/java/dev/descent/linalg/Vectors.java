package dev.descent.linalg;

/**
 * Level-1 kernels. The output, where there is one, is the last argument and the only one written.
 * Reductions use four accumulators so the JIT can keep several additions in flight.
 */
public final class Vectors {
    private Vectors() {}

    /** xᵀy. */
    public static double dot(double[] x, double[] y) {
        int n = x.length, i = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < n; i++) s0 += x[i] * y[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** ‖x‖₂, scaled so that huge or tiny entries neither overflow nor underflow. */
    public static double norm2(double[] x) {
        double scale = normInf(x);
        if (scale == 0 || !Double.isFinite(scale)) return scale;
        double s = 0;
        for (double v : x) {
            double r = v / scale;
            s += r * r;
        }
        return scale * Math.sqrt(s);
    }

    /** ‖x‖∞ (NaN if any entry is NaN). */
    public static double normInf(double[] x) {
        double m = 0;
        for (double v : x) {
            double a = Math.abs(v);
            if (a > m || Double.isNaN(a)) m = a;
            if (Double.isNaN(m)) return m;
        }
        return m;
    }

    /** ‖x‖₁. */
    public static double norm1(double[] x) {
        double s = 0;
        for (double v : x) s += Math.abs(v);
        return s;
    }

    /** ‖x − y‖∞. */
    public static double distanceInf(double[] x, double[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            double a = Math.abs(x[i] - y[i]);
            if (a > m || Double.isNaN(a)) m = a;
        }
        return m;
    }

    /** y ← a·x + y. */
    public static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] += a * x[i];
    }

    /** out ← x + a·d. */
    public static void addScaled(double[] x, double a, double[] d, double[] out) {
        for (int i = 0; i < out.length; i++) out[i] = x[i] + a * d[i];
    }

    /** x ← a·x. */
    public static void scale(double a, double[] x) {
        for (int i = 0; i < x.length; i++) x[i] *= a;
    }

    /** Whether every entry is finite. */
    public static boolean allFinite(double[] x) {
        for (double v : x) if (!Double.isFinite(v)) return false;
        return true;
    }

    /**
     * y ← A·x for row-major A (rows × x.length). Rows of at least {@value #VECTOR_ROW} entries go eight
     * at a time ({@link Kernels#dots8}), sharing each load of x: eight streams keep more reads from
     * memory under way than one, and a large A streams 15–20 % faster than one or four rows at a time
     * (2000×2000 on this machine: about 29 GB/s, beyond the one-stream probe's 25 GB/s).
     */
    public static void multiply(double[] a, int rows, double[] x, double[] y) {
        int n = x.length, r = 0;
        if (n >= VECTOR_ROW) {
            for (; r + 7 < rows; r += 8) Kernels.dots8(a, null, r, n, x, 0, y, r);
        }
        for (; r < rows; r++) y[r] = dotRow(a, r * n, x);
    }

    /**
     * The row of row-major {@code a} starting at {@code offset}, times x. Rows of at least
     * {@value #VECTOR_ROW} entries take {@link Kernels#dot} (four vector accumulators with the Vector
     * API); shorter ones, where vectors gain nothing, eight scalar accumulators, which also allocate
     * nothing before the JIT has compiled the vector code (a small problem's first steps). One
     * accumulator would wait on each addition's latency; several keep the loop on the speed of reading a.
     */
    public static double dotRow(double[] a, int offset, double[] x) {
        int n = x.length;
        return n >= VECTOR_ROW ? Kernels.dot(a, offset, x, n) : ScalarKernels.dot(a, offset, x, n);
    }

    /** Entries from which a row product uses the vector kernel. */
    static final int VECTOR_ROW = 64;

    /** y ← Aᵀ·x for row-major A (x.length × y.length). */
    public static void multiplyTransposed(double[] a, double[] x, double[] y) {
        int n = y.length;
        java.util.Arrays.fill(y, 0);
        for (int r = 0; r < x.length; r++) {
            double xr = x[r];
            int o = r * n;
            for (int j = 0; j < n; j++) y[j] += a[o + j] * xr;
        }
    }
}
