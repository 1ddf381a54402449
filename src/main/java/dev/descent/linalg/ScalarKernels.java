package dev.descent.linalg;

/**
 * The block kernels in plain Java, for a JVM without {@code jdk.incubator.vector} (see
 * {@link Kernels}). C2 vectorizes neither floating-point reductions (it keeps their order) nor
 * {@link Math#exp}, so the sums use several accumulators: one sum would wait on every add's latency
 * (about 4 cycles), eight keep both add units busy.
 */
final class ScalarKernels {
    /** Factors of a product taken before its log: each is at most 2, so the product stays below 2⁵¹². */
    private static final int FACTORS = 512;

    private ScalarKernels() {}

    /** Σⱼ x[o + j]·w[j] for j < n, eight accumulators. */
    static double dot(double[] x, int o, double[] w, int n) {
        int j = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (; j + 7 < n; j += 8) {
            s0 += x[o + j] * w[j];
            s1 += x[o + j + 1] * w[j + 1];
            s2 += x[o + j + 2] * w[j + 2];
            s3 += x[o + j + 3] * w[j + 3];
            s4 += x[o + j + 4] * w[j + 4];
            s5 += x[o + j + 5] * w[j + 5];
            s6 += x[o + j + 6] * w[j + 6];
            s7 += x[o + j + 7] * w[j + 7];
        }
        for (; j + 1 < n; j += 2) {
            s0 += x[o + j] * w[j];
            s1 += x[o + j + 1] * w[j + 1];
        }
        if (j < n) s0 += x[o + j] * w[j];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Four rows per sweep sharing the loads of w, two accumulators per row. */
    static void dots4(double[] x, int o0, int o1, int o2, int o3, double[] w, int n, double bias, double[] z, int at) {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            double w0 = w[j], w1 = w[j + 1];
            a0 += x[o0 + j] * w0;
            b0 += x[o0 + j + 1] * w1;
            a1 += x[o1 + j] * w0;
            b1 += x[o1 + j + 1] * w1;
            a2 += x[o2 + j] * w0;
            b2 += x[o2 + j + 1] * w1;
            a3 += x[o3 + j] * w0;
            b3 += x[o3 + j + 1] * w1;
        }
        if (j < n) {
            double w0 = w[j];
            a0 += x[o0 + j] * w0;
            a1 += x[o1 + j] * w0;
            a2 += x[o2 + j] * w0;
            a3 += x[o3 + j] * w0;
        }
        z[at] = (a0 + b0) + bias;
        z[at + 1] = (a1 + b1) + bias;
        z[at + 2] = (a2 + b2) + bias;
        z[at + 3] = (a3 + b3) + bias;
    }

    /** g[offset + j] += c0·x[o0 + j] + … + c3·x[o3 + j] for j < n: a loop without a reduction, which C2 vectorizes. */
    static void addRows4(double[] x, int o0, int o1, int o2, int o3, double c0, double c1, double c2, double c3,
                         double[] g, int offset, int n) {
        for (int j = 0; j < n; j++) {
            g[offset + j] += (c0 * x[o0 + j] + c1 * x[o1 + j]) + (c2 * x[o2 + j] + c3 * x[o3 + j]);
        }
    }

    /** See {@link Kernels#dots8}: two sweeps of four rows. */
    static void dots8(double[] x, int[] rows, int k, int n, double[] w, double bias, double[] z, int at) {
        for (int half = 0; half < 8; half += 4) {
            int r = k + half;
            dots4(x, Kernels.start(rows, r, n), Kernels.start(rows, r + 1, n), Kernels.start(rows, r + 2, n),
                    Kernels.start(rows, r + 3, n), w, n, bias, z, at + half);
        }
    }

    /** See {@link Kernels#addRows}: four rows per sweep over g ({@link #addRows4}), the rest one at a time. */
    static void addRows(double[] x, int[] rows, int from, int to, int n, double[] c, double[] g, int offset) {
        int k = from;
        for (; k + 3 < to; k += 4) {
            int at = k - from;
            addRows4(x, Kernels.start(rows, k, n), Kernels.start(rows, k + 1, n), Kernels.start(rows, k + 2, n),
                    Kernels.start(rows, k + 3, n), c[at], c[at + 1], c[at + 2], c[at + 3], g, offset, n);
        }
        for (; k < to; k++) {
            int o = Kernels.start(rows, k, n);
            double ck = c[k - from];
            for (int j = 0; j < n; j++) g[offset + j] += ck * x[o + j];
        }
    }

    /** See {@link Kernels#logistic}. */
    static double logistic(double[] z, double[] y, int yOffset, int length, double scale, double[] c) {
        double loss = 0, hinge = 0, product = 1;
        for (int k = 0; k < length; k++) {
            double yi = y[yOffset + k], t = yi * z[k];
            double e = Math.exp(-Math.abs(t)), onePlus = 1 + e;
            product *= onePlus;
            hinge += Math.max(-t, 0);
            c[k] = -yi * ((t >= 0 ? e : 1) / onePlus) * scale;
            if ((k + 1) % FACTORS == 0) {
                loss += Math.log(product);
                product = 1;
            }
        }
        return loss + Math.log(product) + hinge;
    }

    /** See {@link Kernels#softmax}. */
    static double softmax(double[][] z, int classes, int length, int[] label, double scale, boolean gradient,
                          double[] labelScores) {
        double loss = 0;
        for (int r = 0; r < length; r++) loss += softmaxRow(z, classes, r, label[r], scale, gradient);
        return loss;
    }

    /**
     * Row r of {@link Kernels#softmax}: returns log Σ꜀ exp(z꜀ᵣ − m) − (z_label,ᵣ − m), m the row's
     * maximum, and with {@code gradient} overwrites the row's scores with its coefficients.
     */
    static double softmaxRow(double[][] z, int classes, int r, int label, double scale, boolean gradient) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) max = Math.max(max, z[c][r]);
        double shiftedLabel = z[label][r] - max, sum = 0;
        for (int c = 0; c < classes; c++) {
            double p = Math.exp(z[c][r] - max);
            z[c][r] = p;
            sum += p;
        }
        if (gradient) {
            double inverse = scale / sum;
            for (int c = 0; c < classes; c++) z[c][r] *= inverse;
            z[label][r] -= scale;
        }
        return Math.log(sum) - shiftedLabel;
    }
}
