package dev.descent.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The block kernels written with the Vector API ({@code jdk.incubator.vector}), lane for lane the
 * same arithmetic as {@link ScalarKernels} up to the order of the sums and the exp below. Loaded only
 * through {@link Kernels} when the module is in the boot layer: referencing this class without
 * the module fails with {@link NoClassDefFoundError}.
 *
 * <p>exp(x) for x ∈ [−708, 0] is computed here rather than by {@code lanewise(EXP)}, which has no
 * fast path on every JDK and CPU: x = k·ln 2 + r with k = round(x/ln 2) (the integer is read from
 * the low bits of x/ln 2 + 1.5·2⁵², so no double-to-long conversion is needed), |r| ≤ ln 2 / 2,
 * eʳ by its Taylor polynomial of degree 13 (remainder below 2⁻⁵⁶ relative, evaluated by Estrin's
 * scheme), times 2ᵏ built from
 * its exponent bits. Its results are within a few units in the last place of {@link Math#exp}. A
 * chunk of lanes holding any x below −708 (e^x below 3.3e−308, where 2ᵏ would be subnormal) is
 * computed lane by lane with {@link Math#exp} instead.
 */
final class VectorKernels {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Row t (t < L, at t·L) is 1 in its last t lanes and 0 before them: the lanes of a row's last L
     * entries that belong to its last t columns (the others are set to zero with {@code blend}). A
     * table read in the loop rather than a mask made once in a method of its own: C2 does not always
     * inline a method that returns a vector, and then allocates the vector on each call.
     */
    private static final double[] TAIL_LANES = new double[L * L];

    static {
        for (int t = 0; t < L; t++) {
            for (int l = L - t; l < L; l++) TAIL_LANES[t * L + l] = 1;
        }
    }

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    private static final double EXP_MIN = -708;
    /** Factors of a product taken before its log: each is at most 2, so the product stays below 2⁵¹². */
    private static final int FACTORS = 512;

    private VectorKernels() {}

    /** Σⱼ x[o + j]·w[j] for j < n: four vector accumulators, the tail scalar. */
    static double dot(double[] x, int o, double[] w, int n) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            a0 = DoubleVector.fromArray(S, x, o + j).fma(DoubleVector.fromArray(S, w, j), a0);
            a1 = DoubleVector.fromArray(S, x, o + j + L).fma(DoubleVector.fromArray(S, w, j + L), a1);
            a2 = DoubleVector.fromArray(S, x, o + j + 2 * L).fma(DoubleVector.fromArray(S, w, j + 2 * L), a2);
            a3 = DoubleVector.fromArray(S, x, o + j + 3 * L).fma(DoubleVector.fromArray(S, w, j + 3 * L), a3);
        }
        for (; j + L <= n; j += L) {
            a0 = DoubleVector.fromArray(S, x, o + j).fma(DoubleVector.fromArray(S, w, j), a0);
        }
        double s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) s += x[o + j] * w[j];
        return s;
    }

    /** z[at + r] = xᵣ·w + bias for the four rows starting at o0 … o3: the loads of w shared. */
    static void dots4(double[] x, int o0, int o1, int o2, int o3, double[] w, int n, double bias, double[] z, int at) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int j = 0;
        for (; j + L <= n; j += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, j);
            a0 = DoubleVector.fromArray(S, x, o0 + j).fma(wv, a0);
            a1 = DoubleVector.fromArray(S, x, o1 + j).fma(wv, a1);
            a2 = DoubleVector.fromArray(S, x, o2 + j).fma(wv, a2);
            a3 = DoubleVector.fromArray(S, x, o3 + j).fma(wv, a3);
        }
        double s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
        double s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            double wj = w[j];
            s0 += x[o0 + j] * wj;
            s1 += x[o1 + j] * wj;
            s2 += x[o2 + j] * wj;
            s3 += x[o3 + j] * wj;
        }
        z[at] = s0 + bias;
        z[at + 1] = s1 + bias;
        z[at + 2] = s2 + bias;
        z[at + 3] = s3 + bias;
    }

    /**
     * z[at + r] = xᵢ·w + bias for eight rows of n entries, row i = rows[k + r] (or k + r when rows is
     * null) at i·n: eight streams from memory at once, which in the matrix-vector product
     * ({@link Vectors#multiply}) read memory faster than one or four rows at a time (28–32 against
     * 25–27 GB/s). The logistic passes read each block twice and score it one row at a time instead
     * ({@link #dotsByRow}), where one stream measured faster.
     */
    static void dots8(double[] x, int[] rows, int k, int n, double[] w, double bias, double[] z, int at) {
        int o0 = Kernels.start(rows, k, n), o1 = Kernels.start(rows, k + 1, n), o2 = Kernels.start(rows, k + 2, n);
        int o3 = Kernels.start(rows, k + 3, n), o4 = Kernels.start(rows, k + 4, n), o5 = Kernels.start(rows, k + 5, n);
        int o6 = Kernels.start(rows, k + 6, n), o7 = Kernels.start(rows, k + 7, n);
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        int j = 0;
        for (; j + L <= n; j += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, j);
            a0 = DoubleVector.fromArray(S, x, o0 + j).fma(wv, a0);
            a1 = DoubleVector.fromArray(S, x, o1 + j).fma(wv, a1);
            a2 = DoubleVector.fromArray(S, x, o2 + j).fma(wv, a2);
            a3 = DoubleVector.fromArray(S, x, o3 + j).fma(wv, a3);
            a4 = DoubleVector.fromArray(S, x, o4 + j).fma(wv, a4);
            a5 = DoubleVector.fromArray(S, x, o5 + j).fma(wv, a5);
            a6 = DoubleVector.fromArray(S, x, o6 + j).fma(wv, a6);
            a7 = DoubleVector.fromArray(S, x, o7 + j).fma(wv, a7);
        }
        // Each sum reduced on its own: an array of vectors would box them, out of the JIT's vector registers.
        double s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
        double s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
        double s4 = a4.reduceLanes(VectorOperators.ADD), s5 = a5.reduceLanes(VectorOperators.ADD);
        double s6 = a6.reduceLanes(VectorOperators.ADD), s7 = a7.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            double wj = w[j];
            s0 += x[o0 + j] * wj;
            s1 += x[o1 + j] * wj;
            s2 += x[o2 + j] * wj;
            s3 += x[o3 + j] * wj;
            s4 += x[o4 + j] * wj;
            s5 += x[o5 + j] * wj;
            s6 += x[o6 + j] * wj;
            s7 += x[o7 + j] * wj;
        }
        z[at] = s0 + bias;
        z[at + 1] = s1 + bias;
        z[at + 2] = s2 + bias;
        z[at + 3] = s3 + bias;
        z[at + 4] = s4 + bias;
        z[at + 5] = s5 + bias;
        z[at + 6] = s6 + bias;
        z[at + 7] = s7 + bias;
    }

    /**
     * z[k − from] = xᵢ·w + bias for the rows i = rows[k] (or k when rows is null) of n ≥ L entries, one
     * row at a time: one sequential stream from memory, which the hardware prefetcher follows best.
     * Four vector accumulators; the last n mod L columns, when there are any, by one more vector: the
     * row's last L entries, with the lanes of the columns already counted set to zero
     * ({@link #TAIL_LANES}), times w's last L, so no column counts twice and there is no scalar tail.
     */
    static void dotsByRow(double[] x, int[] rows, int from, int to, int n, double[] w, double bias, double[] z) {
        int tail = n % L, bound = n - tail, bound4 = n - n % (4 * L), last = n - L;
        for (int k = from; k < to; k++) {
            int o = Kernels.start(rows, k, n);
            DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            int j = 0;
            for (; j < bound4; j += 4 * L) {
                a0 = DoubleVector.fromArray(S, x, o + j).fma(DoubleVector.fromArray(S, w, j), a0);
                a1 = DoubleVector.fromArray(S, x, o + j + L).fma(DoubleVector.fromArray(S, w, j + L), a1);
                a2 = DoubleVector.fromArray(S, x, o + j + 2 * L).fma(DoubleVector.fromArray(S, w, j + 2 * L), a2);
                a3 = DoubleVector.fromArray(S, x, o + j + 3 * L).fma(DoubleVector.fromArray(S, w, j + 3 * L), a3);
            }
            for (; j < bound; j += L) a0 = DoubleVector.fromArray(S, x, o + j).fma(DoubleVector.fromArray(S, w, j), a0);
            if (tail != 0) {
                DoubleVector kept = DoubleVector.fromArray(S, TAIL_LANES, tail * L);
                DoubleVector tailX = DoubleVector.fromArray(S, x, o + last).blend(0, kept.compare(VectorOperators.EQ, 0));
                a1 = tailX.fma(DoubleVector.fromArray(S, w, last), a1);
            }
            z[k - from] = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD) + bias;
        }
    }

    /**
     * g[offset + j] += Σₖ c[k − from]·x[iₖ·n + j] for j < n over the rows iₖ = rows[k] (or k when rows
     * is null), n ≥ L: the columns in strips of up to twelve vectors, each strip's sums held in
     * registers over all the block's rows, so g is read and written once per block instead of once per
     * four rows, and the pass is bound by the loads of x alone. The last n mod L columns, when there
     * are any, by one more strip over each row's last L entries, of whose sums only the tail's lanes
     * are added. The sums start at zero and are added into g after the rows: started from g's values,
     * they were not kept in vector registers by C2 (JDK 17 and 25), and a strip ran ten times slower.
     * Each strip width is written out, its sums separate locals: an array of vectors would be allocated.
     */
    static void addRowsByColumns(double[] x, int[] rows, int from, int to, int n, double[] c, double[] g, int offset) {
        int vectors = n / L, q = 0;
        for (; vectors - q >= 12; q += 12) strip12(x, rows, from, to, n, q * L, c, g, offset + q * L);
        if (vectors - q >= 8) {
            strip8(x, rows, from, to, n, q * L, c, g, offset + q * L);
            q += 8;
        }
        if (vectors - q >= 4) {
            strip4(x, rows, from, to, n, q * L, c, g, offset + q * L);
            q += 4;
        }
        for (; q < vectors; q++) strip1(x, rows, from, to, n, q * L, c, g, offset + q * L, false);
        if (n % L != 0) strip1(x, rows, from, to, n, n - L, c, g, offset + n - L, true);
    }

    /** {@link #addRowsByColumns} for the 12 vectors of columns from j. */
    private static void strip12(double[] x, int[] rows, int from, int to, int n, int j, double[] c, double[] g, int at) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        DoubleVector a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int k = from; k < to; k++) {
            int o = Kernels.start(rows, k, n) + j;
            DoubleVector v = DoubleVector.broadcast(S, c[k - from]);
            a0 = DoubleVector.fromArray(S, x, o).fma(v, a0);
            a1 = DoubleVector.fromArray(S, x, o + L).fma(v, a1);
            a2 = DoubleVector.fromArray(S, x, o + 2 * L).fma(v, a2);
            a3 = DoubleVector.fromArray(S, x, o + 3 * L).fma(v, a3);
            a4 = DoubleVector.fromArray(S, x, o + 4 * L).fma(v, a4);
            a5 = DoubleVector.fromArray(S, x, o + 5 * L).fma(v, a5);
            a6 = DoubleVector.fromArray(S, x, o + 6 * L).fma(v, a6);
            a7 = DoubleVector.fromArray(S, x, o + 7 * L).fma(v, a7);
            a8 = DoubleVector.fromArray(S, x, o + 8 * L).fma(v, a8);
            a9 = DoubleVector.fromArray(S, x, o + 9 * L).fma(v, a9);
            a10 = DoubleVector.fromArray(S, x, o + 10 * L).fma(v, a10);
            a11 = DoubleVector.fromArray(S, x, o + 11 * L).fma(v, a11);
        }
        DoubleVector.fromArray(S, g, at).add(a0).intoArray(g, at);
        DoubleVector.fromArray(S, g, at + L).add(a1).intoArray(g, at + L);
        DoubleVector.fromArray(S, g, at + 2 * L).add(a2).intoArray(g, at + 2 * L);
        DoubleVector.fromArray(S, g, at + 3 * L).add(a3).intoArray(g, at + 3 * L);
        DoubleVector.fromArray(S, g, at + 4 * L).add(a4).intoArray(g, at + 4 * L);
        DoubleVector.fromArray(S, g, at + 5 * L).add(a5).intoArray(g, at + 5 * L);
        DoubleVector.fromArray(S, g, at + 6 * L).add(a6).intoArray(g, at + 6 * L);
        DoubleVector.fromArray(S, g, at + 7 * L).add(a7).intoArray(g, at + 7 * L);
        DoubleVector.fromArray(S, g, at + 8 * L).add(a8).intoArray(g, at + 8 * L);
        DoubleVector.fromArray(S, g, at + 9 * L).add(a9).intoArray(g, at + 9 * L);
        DoubleVector.fromArray(S, g, at + 10 * L).add(a10).intoArray(g, at + 10 * L);
        DoubleVector.fromArray(S, g, at + 11 * L).add(a11).intoArray(g, at + 11 * L);
    }

    /** {@link #addRowsByColumns} for the 8 vectors of columns from j. */
    private static void strip8(double[] x, int[] rows, int from, int to, int n, int j, double[] c, double[] g, int at) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int k = from; k < to; k++) {
            int o = Kernels.start(rows, k, n) + j;
            DoubleVector v = DoubleVector.broadcast(S, c[k - from]);
            a0 = DoubleVector.fromArray(S, x, o).fma(v, a0);
            a1 = DoubleVector.fromArray(S, x, o + L).fma(v, a1);
            a2 = DoubleVector.fromArray(S, x, o + 2 * L).fma(v, a2);
            a3 = DoubleVector.fromArray(S, x, o + 3 * L).fma(v, a3);
            a4 = DoubleVector.fromArray(S, x, o + 4 * L).fma(v, a4);
            a5 = DoubleVector.fromArray(S, x, o + 5 * L).fma(v, a5);
            a6 = DoubleVector.fromArray(S, x, o + 6 * L).fma(v, a6);
            a7 = DoubleVector.fromArray(S, x, o + 7 * L).fma(v, a7);
        }
        DoubleVector.fromArray(S, g, at).add(a0).intoArray(g, at);
        DoubleVector.fromArray(S, g, at + L).add(a1).intoArray(g, at + L);
        DoubleVector.fromArray(S, g, at + 2 * L).add(a2).intoArray(g, at + 2 * L);
        DoubleVector.fromArray(S, g, at + 3 * L).add(a3).intoArray(g, at + 3 * L);
        DoubleVector.fromArray(S, g, at + 4 * L).add(a4).intoArray(g, at + 4 * L);
        DoubleVector.fromArray(S, g, at + 5 * L).add(a5).intoArray(g, at + 5 * L);
        DoubleVector.fromArray(S, g, at + 6 * L).add(a6).intoArray(g, at + 6 * L);
        DoubleVector.fromArray(S, g, at + 7 * L).add(a7).intoArray(g, at + 7 * L);
    }

    /** {@link #addRowsByColumns} for the 4 vectors of columns from j. */
    private static void strip4(double[] x, int[] rows, int from, int to, int n, int j, double[] c, double[] g, int at) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int k = from; k < to; k++) {
            int o = Kernels.start(rows, k, n) + j;
            DoubleVector v = DoubleVector.broadcast(S, c[k - from]);
            a0 = DoubleVector.fromArray(S, x, o).fma(v, a0);
            a1 = DoubleVector.fromArray(S, x, o + L).fma(v, a1);
            a2 = DoubleVector.fromArray(S, x, o + 2 * L).fma(v, a2);
            a3 = DoubleVector.fromArray(S, x, o + 3 * L).fma(v, a3);
        }
        DoubleVector.fromArray(S, g, at).add(a0).intoArray(g, at);
        DoubleVector.fromArray(S, g, at + L).add(a1).intoArray(g, at + L);
        DoubleVector.fromArray(S, g, at + 2 * L).add(a2).intoArray(g, at + 2 * L);
        DoubleVector.fromArray(S, g, at + 3 * L).add(a3).intoArray(g, at + 3 * L);
    }

    /**
     * {@link #addRowsByColumns} for the vector of columns from j, or when {@code tail} for the rows'
     * last vectors (j = n − L), of whose sums only the lanes of the last n mod L columns are added.
     * Two sums over alternate rows, so that the adds overlap. (Vectors are neither passed to nor
     * returned from other methods here: where C2 does not inline the call, it allocates them.)
     */
    private static void strip1(double[] x, int[] rows, int from, int to, int n, int j, double[] c, double[] g, int at,
                               boolean tail) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0;
        int k = from;
        for (; k + 1 < to; k += 2) {
            int o0 = Kernels.start(rows, k, n) + j, o1 = Kernels.start(rows, k + 1, n) + j;
            a0 = DoubleVector.fromArray(S, x, o0).fma(DoubleVector.broadcast(S, c[k - from]), a0);
            a1 = DoubleVector.fromArray(S, x, o1).fma(DoubleVector.broadcast(S, c[k + 1 - from]), a1);
        }
        if (k < to) {
            a0 = DoubleVector.fromArray(S, x, Kernels.start(rows, k, n) + j).fma(DoubleVector.broadcast(S, c[k - from]), a0);
        }
        a0 = a0.add(a1);
        if (tail) a0 = a0.blend(0, DoubleVector.fromArray(S, TAIL_LANES, n % L * L).compare(VectorOperators.EQ, 0));
        DoubleVector.fromArray(S, g, at).add(a0).intoArray(g, at);
    }

    /** See {@link Kernels#logistic}. */
    static double logistic(double[] z, double[] y, int yOffset, int length, double scale, double[] c) {
        DoubleVector product = DoubleVector.broadcast(S, 1), hinge = DoubleVector.zero(S);
        double loss = 0, tailProduct = 1, tailHinge = 0;
        int k = 0, factors = 0;
        for (; k + L <= length; k += L) {
            DoubleVector yv = DoubleVector.fromArray(S, y, yOffset + k);
            DoubleVector t = yv.mul(DoubleVector.fromArray(S, z, k));
            DoubleVector negAbs = t.abs().neg();
            DoubleVector e = expChecked(negAbs);
            DoubleVector onePlus = e.add(1);
            product = product.mul(onePlus);
            hinge = hinge.add(t.neg().max(0));
            // σ(−t) = e/(1+e) for t ≥ 0 and 1/(1+e) for t < 0
            DoubleVector numerator = DoubleVector.broadcast(S, 1).blend(e, t.compare(VectorOperators.GE, 0));
            numerator.div(onePlus).mul(yv.mul(-scale)).intoArray(c, k);
            if ((factors += L) >= FACTORS) {
                loss += Math.log(product.reduceLanes(VectorOperators.MUL));
                product = DoubleVector.broadcast(S, 1);
                factors = 0;
            }
        }
        for (; k < length; k++) {
            double yi = y[yOffset + k], t = yi * z[k];
            double e = Math.exp(-Math.abs(t)), onePlus = 1 + e;
            tailProduct *= onePlus;
            tailHinge += Math.max(-t, 0);
            c[k] = -yi * ((t >= 0 ? e : 1) / onePlus) * scale;
        }
        return loss + Math.log(product.reduceLanes(VectorOperators.MUL) * tailProduct)
                + (hinge.reduceLanes(VectorOperators.ADD) + tailHinge);
    }

    /**
     * See {@link Kernels#softmax}: eight rows (one vector of each class's scores) at a time; the
     * labels' scores gathered first into {@code labelScores}, one log per vector of rows (the product
     * of their sums, each in [1, classes]), the rows left over by {@link ScalarKernels#softmaxRow}.
     */
    static double softmax(double[][] z, int classes, int length, int[] label, double scale, boolean gradient,
                          double[] labelScores) {
        for (int r = 0; r < length; r++) labelScores[r] = z[label[r]][r];
        double loss = 0;
        DoubleVector shiftedLabels = DoubleVector.zero(S);
        int r = 0;
        for (; r + L <= length; r += L) {
            DoubleVector max = DoubleVector.fromArray(S, z[0], r);
            for (int c = 1; c < classes; c++) max = max.max(DoubleVector.fromArray(S, z[c], r));
            DoubleVector sum = DoubleVector.zero(S);
            for (int c = 0; c < classes; c++) {
                DoubleVector p = expChecked(DoubleVector.fromArray(S, z[c], r).sub(max));
                p.intoArray(z[c], r);
                sum = sum.add(p);
            }
            shiftedLabels = shiftedLabels.add(DoubleVector.fromArray(S, labelScores, r).sub(max));
            loss += Math.log(sum.reduceLanes(VectorOperators.MUL));
            if (gradient) {
                DoubleVector inverse = DoubleVector.broadcast(S, scale).div(sum);
                for (int c = 0; c < classes; c++) DoubleVector.fromArray(S, z[c], r).mul(inverse).intoArray(z[c], r);
                for (int l = 0; l < L; l++) z[label[r + l]][r + l] -= scale;
            }
        }
        loss -= shiftedLabels.reduceLanes(VectorOperators.ADD);
        for (; r < length; r++) loss += ScalarKernels.softmaxRow(z, classes, r, label[r], scale, gradient);
        return loss;
    }

    /** {@link #exp} for x ≤ 0, with lanes below −708 (where 2ᵏ would be subnormal) taken by {@link Math#exp}. */
    private static DoubleVector expChecked(DoubleVector x) {
        if (!x.compare(VectorOperators.LT, EXP_MIN).anyTrue()) return exp(x);
        double[] lanes = x.toArray();
        for (int l = 0; l < L; l++) lanes[l] = Math.exp(lanes[l]);
        return DoubleVector.fromArray(S, lanes, 0);
    }

    /**
     * eˣ lane by lane for x ∈ [−708, 0] (see the class comment). The polynomial is evaluated by
     * Estrin's scheme: pairs c₂ᵢ + c₂ᵢ₊₁r, then pairs of those with r², r⁴ and r⁸, a dependency chain
     * of five fused multiply-adds instead of Horner's fourteen, so the vectors of several rows
     * overlap in the core (measured 8× faster than Horner per lane on this machine's CPU).
     */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector shifted = x.fma(LOG2E, SHIFTER);
        LongVector bits = shifted.reinterpretAsLongs();
        DoubleVector k = shifted.sub(SHIFTER);
        DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), x);
        r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        DoubleVector r2 = r.mul(r), r4 = r2.mul(r2), r8 = r4.mul(r4);
        // the Taylor coefficients 1/i! for i = 0 … 13, two at a time
        DoubleVector p01 = r.add(1.0);
        DoubleVector p23 = r.fma(1.0 / 6, 0.5);
        DoubleVector p45 = r.fma(1.0 / 120, 1.0 / 24);
        DoubleVector p67 = r.fma(1.0 / 5040, 1.0 / 720);
        DoubleVector p89 = r.fma(1.0 / 362880, 1.0 / 40320);
        DoubleVector p1011 = r.fma(1.0 / 39916800, 1.0 / 3628800);
        DoubleVector p1213 = r.fma(1.0 / 6227020800.0, 1.0 / 479001600);
        DoubleVector p03 = p23.fma(r2, p01), p47 = p67.fma(r2, p45), p811 = p1011.fma(r2, p89);
        DoubleVector p07 = p47.fma(r4, p03), p813 = p1213.fma(r4, p811);
        DoubleVector p = p813.fma(r8, p07);
        DoubleVector twoToK = bits.sub(SHIFTER_BITS - 1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(twoToK);
    }
}
