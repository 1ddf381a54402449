package dev.descent.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.linalg.DenseRows;
import dev.descent.linalg.KernelPool;
import dev.descent.linalg.RowMatrix;
import dev.descent.linalg.SparseRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The fused kernels against the straightforward implementation they replaced, on seeded random
 * data: dense and CSR storage, one chunk and several threads, raw and standardized columns.
 */
class DataKernelsTest {
    static final KernelPool THREADS = new KernelPool(3, 1);  // threads from the first entry on

    @AfterAll
    static void close() {
        THREADS.close();
    }

    /** A random m×n matrix with about half its entries zero, densely and as CSR. */
    static RowMatrix[] randomData(Random random, int m, int n) {
        double[] dense = new double[m * n];
        int[] start = new int[m + 1];
        List<Integer> cols = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (random.nextBoolean()) {
                    double v = random.nextGaussian() * 2 + 0.5;
                    dense[i * n + j] = v;
                    cols.add(j);
                    vals.add(v);
                }
            }
            start[i + 1] = cols.size();
        }
        return new RowMatrix[] {new DenseRows(dense, m, n),
                new SparseRows(start, cols.stream().mapToInt(Integer::intValue).toArray(),
                        vals.stream().mapToDouble(Double::doubleValue).toArray(), m, n)};
    }

    @Test
    void binaryKernelsAgreeWithTheReferenceOnDenseSparseAndThreadedData() {
        Random random = new Random(7);
        int m = 257, n = 13;
        RowMatrix[] data = randomData(random, m, n);
        double[] y = new double[m];
        for (int i = 0; i < m; i++) y[i] = random.nextBoolean() ? 1 : -1;
        List<Object> classes = List.of(0, 1);
        List<String> names = Collections.names(n);
        Problem reference = new ReferenceLogisticRegression(((DenseRows) data[0]).values(), y, n, 0.3, 0.01, true, classes, names);
        List<Problem> fused = List.of(
                new BinaryLogisticRegression(Design.raw(data[0], KernelPool.SEQUENTIAL), y, 0.3, 0.01, true, classes, names),
                new BinaryLogisticRegression(Design.raw(data[1], KernelPool.SEQUENTIAL), y, 0.3, 0.01, true, classes, names),
                new BinaryLogisticRegression(Design.raw(data[0], THREADS), y, 0.3, 0.01, true, classes, names),
                new BinaryLogisticRegression(Design.raw(data[1], THREADS), y, 0.3, 0.01, true, classes, names));
        assertAgree(reference, fused, random, 4.0);
        int[] batch = {5, 3, 100, 256, 0, 17};
        for (Problem p : fused) assertBatchAgrees((RowSampled) reference, (RowSampled) p, random, batch);
        Map<String, Object> expected = reference.describe(new double[n + 1]);
        assertThat(fused.get(1).describe(new double[n + 1]).get("logLoss")).isEqualTo(expected.get("logLoss"));
    }

    /**
     * Dense data too large to stay in cache (more than DenseRows.CACHED values) with short rows
     * (DenseRows.SHORT columns or fewer, scored four rows per sweep); m is no multiple of the block or
     * of four, so partial blocks and leftover rows are covered, with and without a row sample.
     */
    @Test
    void kernelsOnDataLargerThanTheCacheAgreeWithTheReference() {
        Random random = new Random(12);
        int m = 10_307, n = 14;
        assertThat((long) m * n).isGreaterThan(1 << 17);
        RowMatrix[] data = randomData(random, m, n);
        assertDenseBinaryAgrees((DenseRows) data[0], random, 301);
        double[] b = Derivatives.randomPoint(random, m, 3);
        List<Problem> squares = List.of(
                new LinearLeastSquares(Design.raw(data[1], KernelPool.SEQUENTIAL), b, 0.4, null),
                new LinearLeastSquares(Design.raw(data[0], KernelPool.SEQUENTIAL), b, 0.4, null),
                new LinearLeastSquares(Design.raw(data[0], THREADS), b, 0.4, null));
        assertAgree(squares.get(0), squares.subList(1, 3), random, 2.0);
    }

    /**
     * Dense data too large to stay in cache with longer rows are scored one row at a time; 45 columns
     * are five vectors and a tail of five with vectors of 8 doubles (strips of 4 and 1), eleven and a
     * tail of one with vectors of 4 (strips of 8, 1, 1, 1); 3001 rows are four blocks of 728 and a
     * partial one.
     */
    @Test
    void kernelsOnStreamedLongerRowsAgreeWithTheReference() {
        Random random = new Random(19);
        int m = 3001, n = 45;
        DenseRows data = (DenseRows) randomData(random, m, n)[0];
        assertThat((long) m * n).isGreaterThan(1 << 17);
        assertThat(m % data.blockRows()).isNotZero();
        assertDenseBinaryAgrees(data, random, 301);
    }

    /**
     * Rows of 300 columns come in blocks of 109 rows (the last of 203 rows' blocks has 94), whose
     * gradient takes strips of 12, 12, 12 and 1 vectors and a tail of four columns with vectors of 8
     * doubles (six of 12 and three of 1, no tail, with vectors of 4).
     */
    @Test
    void kernelsOnLongRowsAgreeWithTheReference() {
        Random random = new Random(17);
        int m = 203, n = 300;
        DenseRows data = (DenseRows) randomData(random, m, n)[0];
        assertThat(m % data.blockRows()).isNotZero();
        assertDenseBinaryAgrees(data, random, 77);
    }

    /**
     * L2 and L1 logistic regression on dense data with random labels, in one chunk and split across
     * threads, against the reference: full passes and a random row sample of {@code batchSize}.
     */
    private static void assertDenseBinaryAgrees(DenseRows data, Random random, int batchSize) {
        int m = data.rows(), n = data.columns();
        double[] y = new double[m];
        for (int i = 0; i < m; i++) y[i] = random.nextBoolean() ? 1 : -1;
        List<Object> classes = List.of(0, 1);
        List<String> names = Collections.names(n);
        Problem reference = new ReferenceLogisticRegression(data.values(), y, n, 0.3, 0.01, true, classes, names);
        List<Problem> fused = List.of(
                new BinaryLogisticRegression(Design.raw(data, KernelPool.SEQUENTIAL), y, 0.3, 0.01, true, classes, names),
                new BinaryLogisticRegression(Design.raw(data, THREADS), y, 0.3, 0.01, true, classes, names));
        assertAgree(reference, fused, random, 1.0);
        int[] batch = new int[batchSize];
        for (int k = 0; k < batch.length; k++) batch[k] = random.nextInt(m);
        for (Problem p : fused) assertBatchAgrees((RowSampled) reference, (RowSampled) p, random, batch);
    }

    @Test
    void softmaxKernelsAgreeWithTheReferenceOnDenseSparseAndThreadedData() {
        Random random = new Random(8);
        int m = 211, n = 9, k = 4;
        RowMatrix[] data = randomData(random, m, n);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) labels[i] = random.nextInt(k);
        List<Object> classes = List.of("a", "b", "c", "d");
        List<String> names = Collections.names(n);
        Problem reference = new ReferenceSoftmaxRegression(((DenseRows) data[0]).values(), labels, n, classes, 0.2, 0.01, true, names);
        List<Problem> fused = List.of(
                new SoftmaxRegression(Design.raw(data[0], KernelPool.SEQUENTIAL), labels, classes, 0.2, 0.01, true, names),
                new SoftmaxRegression(Design.raw(data[1], KernelPool.SEQUENTIAL), labels, classes, 0.2, 0.01, true, names),
                new SoftmaxRegression(Design.raw(data[0], THREADS), labels, classes, 0.2, 0.01, true, names),
                new SoftmaxRegression(Design.raw(data[1], THREADS), labels, classes, 0.2, 0.01, true, names));
        assertAgree(reference, fused, random, 1.0);
        int[] batch = {1, 2, 3, 200, 199};
        for (Problem p : fused) assertBatchAgrees((RowSampled) reference, (RowSampled) p, random, batch);
    }

    @Test
    void leastSquaresKernelsAgreeOnDenseSparseAndThreadedData() {
        Random random = new Random(9);
        int m = 150, n = 7;
        RowMatrix[] data = randomData(random, m, n);
        double[] b = Derivatives.randomPoint(random, m, 3);
        List<Problem> all = List.of(
                new LinearLeastSquares(Design.raw(data[0], KernelPool.SEQUENTIAL), b, 0.4, null),
                new LinearLeastSquares(Design.raw(data[1], KernelPool.SEQUENTIAL), b, 0.4, null),
                new LinearLeastSquares(Design.raw(data[0], THREADS), b, 0.4, null),
                new LinearLeastSquares(Design.raw(data[1], THREADS), b, 0.4, null));
        assertAgree(all.get(0), all.subList(1, 4), random, 2.0);
        double[] h0 = new double[n * n], h1 = new double[n * n];
        all.get(0).hessian(null, h0);
        all.get(1).hessian(null, h1);
        Derivatives.assertClose(h1, h0, 1e-12, "Gram matrix of CSR rows");
    }

    @Test
    void standardizedModelsHaveExactGradientsAndHessians() {
        Random random = new Random(10);
        int m = 60, n = 5;
        RowMatrix[] data = randomData(random, m, n);
        double[] y = new double[m];
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = random.nextBoolean() ? 1 : -1;
            labels[i] = random.nextInt(3);
        }
        for (RowMatrix x : data) {
            List<Problem> problems = List.of(
                    new BinaryLogisticRegression(Design.standardized(x, true, KernelPool.SEQUENTIAL), y, 0.1, 0, true,
                            List.of(0, 1), Collections.names(n)),
                    new SoftmaxRegression(Design.standardized(x, true, THREADS), labels, List.of(0, 1, 2), 0.1, 0, true,
                            Collections.names(n)),
                    new LinearLeastSquares(Design.standardized(x, false, KernelPool.SEQUENTIAL), y, 0.1, Collections.names(n)));
            for (Problem p : problems) {
                double[] point = Derivatives.randomPoint(random, p.dimension(), 1);
                Derivatives.assertGradientMatches(p, point);
                Derivatives.assertHessianMatches(p, point);
            }
        }
    }

    @Test
    void standardizationIsFoldedBackIntoTheReportedCoefficients() {
        Random random = new Random(11);
        int m = 80, n = 4;
        RowMatrix x = randomData(random, m, n)[0];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) y[i] = random.nextBoolean() ? 1 : -1;
        var p = new BinaryLogisticRegression(Design.standardized(x, true, KernelPool.SEQUENTIAL), y, 0, 0, true,
                List.of(0, 1), Collections.names(n));
        double[] w = Derivatives.randomPoint(random, n + 1, 1);
        Map<String, Object> d = p.describe(w);
        double[] coefficients = (double[]) d.get("coefficients");
        double intercept = (double) d.get("intercept");
        // The same scores from the raw rows with the reported numbers: the raw-space model is the fitted one.
        var raw = new BinaryLogisticRegression(Design.raw(x, KernelPool.SEQUENTIAL), y, 0, 0, true, List.of(0, 1),
                Collections.names(n));
        double[] folded = Arrays.copyOf(coefficients, n + 1);
        folded[n] = intercept;
        assertThat(raw.value(folded)).isCloseTo(p.value(w), within(1e-12));
    }

    @Test
    void hugeMarginsKeepTheLossFinite() {
        RowMatrix x = new DenseRows(new double[] {1e6, -1e6}, 2, 1);
        var p = new BinaryLogisticRegression(Design.raw(x, KernelPool.SEQUENTIAL), new double[] {1, 1}, 0, 0, false,
                List.of(0, 1), List.of("x"));
        double[] g = new double[1];
        double f = p.valueAndGradient(new double[] {1e3}, g);
        assertThat(f).isCloseTo(0.5e9, within(1.0));  // one row costs softplus(1e9) = 1e9, the other ≈ 0
        assertThat(g[0]).isFinite();
    }

    private static void assertAgree(Problem reference, List<Problem> others, Random random, double radius) {
        for (int trial = 0; trial < 5; trial++) {
            double[] x = Derivatives.randomPoint(random, reference.dimension(), radius);
            double[] g0 = new double[x.length];
            double f0 = reference.valueAndGradient(x, g0);
            for (Problem p : others) {
                double[] g = new double[x.length];
                assertThat(p.valueAndGradient(x, g)).as(p.toString()).isCloseTo(f0, within(1e-12 * Math.max(1, Math.abs(f0))));
                assertThat(p.value(x)).isCloseTo(f0, within(1e-12 * Math.max(1, Math.abs(f0))));
                Derivatives.assertClose(g, g0, 1e-12, "gradient");
            }
        }
    }

    private static void assertBatchAgrees(RowSampled reference, RowSampled p, Random random, int[] rows) {
        double[] x = Derivatives.randomPoint(random, ((Problem) p).dimension(), 1);
        double[] g0 = new double[x.length], g = new double[x.length];
        double f0 = reference.valueAndGradient(x, g0, rows, 1, rows.length);
        assertThat(p.valueAndGradient(x, g, rows, 1, rows.length)).isCloseTo(f0, within(1e-12));
        Derivatives.assertClose(g, g0, 1e-12, "batch gradient");
    }

    static final class Collections {
        static List<String> names(int n) {
            List<String> names = new ArrayList<>();
            for (int j = 1; j <= n; j++) names.add("x" + j);
            return names;
        }
    }
}
