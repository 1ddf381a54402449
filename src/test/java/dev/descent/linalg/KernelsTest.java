package dev.descent.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The vector and the scalar block kernels against each other and against independent answers
 * (sums in exact decimal arithmetic, softplus and σ per row from {@link Math#log1p} and
 * {@link Math#exp}), on seeded random data of many lengths, so every path of each is taken: full
 * vectors, tails, four-row sweeps, margins beyond the vector exp's range, products long enough to
 * be logged in parts.
 */
class KernelsTest {

    @Test
    void testsRunTheVectorKernels() {
        // The build passes --add-modules jdk.incubator.vector to the tests; without it only the scalar path would be tested.
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(Kernels.VECTOR).isTrue();
        // The build runs the kernel tests a second time with vectors of four doubles and says so.
        Integer lanes = Integer.getInteger("descent.test.vector-lanes");
        if (lanes != null) assertThat(VectorKernels.S.length()).isEqualTo(lanes);
    }

    @Test
    void vectorExpIsWithinTwoUlpsOfMathExpOverItsRange() {
        Random random = new Random(11);
        double[] xs = new double[20_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = switch (i % 4) {
                case 0 -> -708 * random.nextDouble();
                case 1 -> -random.nextDouble();
                case 2 -> -1e-12 * random.nextDouble();
                default -> -Math.log(2) / 2 * (1 + 1e-15 * random.nextGaussian()) * (1 + random.nextInt(1000));
            };
        }
        xs[0] = 0;
        xs[1] = -708;
        xs[2] = -Double.MIN_VALUE;
        int lanes = VectorKernels.S.length();
        double[] out = new double[lanes];
        for (int i = 0; i + lanes <= xs.length; i += lanes) {
            VectorKernels.exp(DoubleVector.fromArray(VectorKernels.S, xs, i)).intoArray(out, 0);
            for (int l = 0; l < lanes; l++) {
                double x = Math.max(xs[i + l], -708), expected = Math.exp(x);
                if (x != xs[i + l]) continue;  // clamped test input beyond the range: not a case of exp's
                assertThat(Math.abs(out[l] - expected)).as("exp(%s)", x).isLessThanOrEqualTo(2 * Math.ulp(expected));
            }
        }
    }

    @Test
    void dotProductsAgreeWithExactSums() {
        Random random = new Random(12);
        for (int n : new int[] {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 30, 31, 32, 33, 63, 64, 65, 100, 257, 1000}) {
            int rows = 5;
            double[] x = new double[rows * n + 3], w = new double[n];
            for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian() * Math.exp(4 * random.nextGaussian());
            for (int j = 0; j < n; j++) w[j] = random.nextGaussian();
            double[] z = new double[8];
            VectorKernels.dots4(x, 3, 3 + n, 3 + 2 * n, 3 + 3 * n, w, n, 0.25, z, 1);
            double[] zs = new double[8];
            ScalarKernels.dots4(x, 3, 3 + n, 3 + 2 * n, 3 + 3 * n, w, n, 0.25, zs, 1);
            for (int r = 0; r < 4; r++) {
                int o = 3 + r * n;
                BigDecimal exact = BigDecimal.ZERO;
                double magnitude = 0;
                for (int j = 0; j < n; j++) {
                    exact = exact.add(new BigDecimal(x[o + j]).multiply(new BigDecimal(w[j])));
                    magnitude += Math.abs(x[o + j] * w[j]);
                }
                double e = exact.round(MathContext.DECIMAL64).doubleValue(), bound = 1e-15 * n * magnitude;
                assertThat(VectorKernels.dot(x, o, w, n)).as("vector dot, n = %d", n).isCloseTo(e, within(bound));
                assertThat(ScalarKernels.dot(x, o, w, n)).as("scalar dot, n = %d", n).isCloseTo(e, within(bound));
                assertThat(z[1 + r]).as("vector dots4, n = %d", n).isCloseTo(e + 0.25, within(bound + 1e-16));
                assertThat(zs[1 + r]).as("scalar dots4, n = %d", n).isCloseTo(e + 0.25, within(bound + 1e-16));
            }
            assertThat(z[0]).isZero();
            assertThat(z[5]).isZero();
        }
    }

    @Test
    void matrixTimesVectorAgreesWithExactSumsForAnyRowCount() {
        Random random = new Random(15);
        for (int n : new int[] {1, 5, 63, 64, 65, 130}) {
            for (int rows : new int[] {1, 3, 7, 8, 9, 15, 17}) {
                double[] a = new double[rows * n], x = new double[n], y = new double[rows + 1];
                for (int i = 0; i < a.length; i++) a[i] = random.nextGaussian() * Math.exp(3 * random.nextGaussian());
                for (int j = 0; j < n; j++) x[j] = random.nextGaussian();
                y[rows] = 42;
                Vectors.multiply(a, rows, x, y);
                for (int r = 0; r < rows; r++) {
                    BigDecimal exact = BigDecimal.ZERO;
                    double magnitude = 0;
                    for (int j = 0; j < n; j++) {
                        exact = exact.add(new BigDecimal(a[r * n + j]).multiply(new BigDecimal(x[j])));
                        magnitude += Math.abs(a[r * n + j] * x[j]);
                    }
                    assertThat(y[r]).as("row %d of %d×%d", r, rows, n)
                            .isCloseTo(exact.round(MathContext.DECIMAL64).doubleValue(), within(1e-15 * n * magnitude));
                }
                assertThat(y[rows]).as("nothing written past the rows").isEqualTo(42);
            }
        }
    }

    @Test
    void eightRowScoresAgreeWithExactSums() {
        Random random = new Random(18);
        for (int n : new int[] {1, 7, 8, 9, 31, 256, 259}) {
            double[] x = new double[12 * n], w = new double[n];
            for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian() * Math.exp(3 * random.nextGaussian());
            for (int j = 0; j < n; j++) w[j] = random.nextGaussian();
            int[] picked = {7, 0, 11, 3, 3, 9, 1, 5};
            for (int[] rows : new int[][] {null, picked}) {
                int k = rows == null ? 2 : 0;
                double[] zv = new double[11], zs = new double[11];
                VectorKernels.dots8(x, rows, k, n, w, -0.5, zv, 2);
                ScalarKernels.dots8(x, rows, k, n, w, -0.5, zs, 2);
                for (int r = 0; r < 8; r++) {
                    int o = (rows == null ? k + r : rows[r]) * n;
                    BigDecimal exact = BigDecimal.ZERO;
                    double magnitude = 0;
                    for (int j = 0; j < n; j++) {
                        exact = exact.add(new BigDecimal(x[o + j]).multiply(new BigDecimal(w[j])));
                        magnitude += Math.abs(x[o + j] * w[j]);
                    }
                    double e = exact.round(MathContext.DECIMAL64).doubleValue() - 0.5, bound = 1e-15 * n * magnitude + 1e-16;
                    assertThat(zv[2 + r]).as("vector, n = %d, row %d", n, r).isCloseTo(e, within(bound));
                    assertThat(zs[2 + r]).as("scalar, n = %d, row %d", n, r).isCloseTo(e, within(bound));
                }
                for (double[] z : new double[][] {zv, zs}) {
                    assertThat(z[1]).as("nothing written before the eight").isZero();
                    assertThat(z[10]).as("nothing written after the eight").isZero();
                }
            }
        }
    }

    /** Column counts around every strip width (1, 4, 8 and 12 vectors) and every tail, for vectors of 4 or 8 doubles. */
    private static final int[] WIDTHS = {1, 3, 4, 5, 7, 8, 9, 10, 12, 16, 20, 30, 31, 33, 47, 63, 64, 65, 95, 96, 97, 98,
        100, 101, 127, 128, 129, 200, 259, 1000};

    @Test
    void scoresRowByRowAgreeWithExactSums() {
        Random random = new Random(17);
        for (int n : WIDTHS) {
            double[] x = new double[14 * n], w = new double[n];
            for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian() * Math.exp(3 * random.nextGaussian());
            for (int j = 0; j < n; j++) w[j] = random.nextGaussian();
            int[] picked = {7, 0, 13, 3, 3, 9, 1, 5, 12, 2, 11};
            for (int[] rows : new int[][] {null, picked}) {
                for (int length : new int[] {0, 1, 2, 5, 11}) {
                    int from = rows == null ? 2 : 0, to = from + length;
                    double[] z = new double[length + 2];
                    z[length] = 42;
                    Kernels.dotsByRow(x, rows, from, to, n, w, -0.5, z);
                    for (int k = from; k < to; k++) {
                        int o = (rows == null ? k : rows[k]) * n;
                        BigDecimal exact = BigDecimal.ZERO;
                        double magnitude = 0;
                        for (int j = 0; j < n; j++) {
                            exact = exact.add(new BigDecimal(x[o + j]).multiply(new BigDecimal(w[j])));
                            magnitude += Math.abs(x[o + j] * w[j]);
                        }
                        double e = exact.round(MathContext.DECIMAL64).doubleValue() - 0.5;
                        assertThat(z[k - from]).as("n = %d, row %d of %d", n, k - from, length)
                                .isCloseTo(e, within(1e-15 * n * magnitude + 1e-16));
                    }
                    assertThat(z[length]).as("nothing written after the rows").isEqualTo(42);
                }
            }
        }
    }

    @Test
    void scaledRowsAddedIntoTheGradientAgreeWithExactSums() {
        Random random = new Random(16);
        for (int n : WIDTHS) {
            double[] x = new double[14 * n], g0 = new double[n + 5];
            for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian();
            for (int j = 0; j < g0.length; j++) g0[j] = random.nextGaussian();
            double[] c = new double[11];
            for (int r = 0; r < c.length; r++) c[r] = r == 5 ? 0 : random.nextGaussian() * Math.exp(2 * random.nextGaussian());
            // Consecutive rows, and rows picked out of order by an index array (a row sample).
            int[] picked = {7, 0, 13, 3, 3, 9, 1, 5, 12, 2, 11};
            for (int[] rows : new int[][] {null, picked}) {
                for (int length : new int[] {0, 1, 2, 3, 4, 5, 8, 11}) {
                    int from = rows == null ? 2 : 0, to = from + length;
                    double[] gv = g0.clone(), gs = g0.clone();
                    Kernels.addRows(x, rows, from, to, n, c, gv, 2);
                    ScalarKernels.addRows(x, rows, from, to, n, c, gs, 2);
                    for (int j : new int[] {0, 1, n + 2, n + 3, n + 4}) {
                        assertThat(gv[j]).as("outside the gradient, n = %d", n).isEqualTo(g0[j]);
                        assertThat(gs[j]).as("outside the gradient, n = %d", n).isEqualTo(g0[j]);
                    }
                    for (int j = 0; j < n; j++) {
                        BigDecimal exact = new BigDecimal(g0[2 + j]);
                        double magnitude = Math.abs(g0[2 + j]);
                        for (int k = from; k < to; k++) {
                            int row = rows == null ? k : rows[k];
                            exact = exact.add(new BigDecimal(c[k - from]).multiply(new BigDecimal(x[row * n + j])));
                            magnitude += Math.abs(c[k - from] * x[row * n + j]);
                        }
                        double e = exact.round(MathContext.DECIMAL64).doubleValue(), bound = 5e-16 * (length + 1) * magnitude;
                        assertThat(gv[2 + j]).as("n = %d, %d rows, j = %d", n, length, j).isCloseTo(e, within(bound));
                        assertThat(gs[2 + j]).as("scalar, n = %d, %d rows, j = %d", n, length, j).isCloseTo(e, within(bound));
                    }
                }
            }
        }
    }

    @Test
    void logisticBlocksAgreeWithSoftplusAndSigmoidRowByRow() {
        Random random = new Random(13);
        for (int length : new int[] {0, 1, 3, 7, 8, 9, 16, 31, 63, 64, 65, 200, 511, 512, 513, 1500}) {
            for (double spread : new double[] {0.1, 3, 40, 900}) {
                double[] z = new double[length], y = new double[length + 5];
                for (int k = 0; k < length; k++) z[k] = spread * random.nextGaussian();
                if (length > 2) z[1] = 0;
                for (int k = 0; k < y.length; k++) y[k] = random.nextBoolean() ? 1 : -1;
                double scale = 1.0 / 37;
                double[] cv = new double[length], cs = new double[length];
                double vector = VectorKernels.logistic(z, y, 5, length, scale, cv);
                double scalar = ScalarKernels.logistic(z, y, 5, length, scale, cs);
                double expected = 0;
                for (int k = 0; k < length; k++) {
                    double t = y[5 + k] * z[k];
                    expected += Math.log1p(Math.exp(-Math.abs(t))) + Math.max(-t, 0);
                    double sigma = t >= 0 ? Math.exp(-t) / (1 + Math.exp(-t)) : 1 / (1 + Math.exp(t));
                    double c = -y[5 + k] * sigma * scale;
                    assertThat(cv[k]).as("vector c, length %d, spread %s, t = %s", length, spread, t)
                            .isCloseTo(c, within(4 * Math.ulp(c)));
                    assertThat(cs[k]).as("scalar c, length %d, spread %s, t = %s", length, spread, t)
                            .isCloseTo(c, within(4 * Math.ulp(c)));
                }
                double bound = 1e-15 * Math.max(1, expected) * Math.max(1, length);
                assertThat(vector).as("vector loss, length %d, spread %s", length, spread).isCloseTo(expected, within(bound));
                assertThat(scalar).as("scalar loss, length %d, spread %s", length, spread).isCloseTo(expected, within(bound));
                assertThat(vector).as("vector against scalar").isCloseTo(scalar, within(bound));
            }
        }
    }

    @Test
    void softmaxBlocksAgreeWithCrossEntropyRowByRow() {
        Random random = new Random(14);
        for (int classes : new int[] {3, 5, 10}) {
            for (int length : new int[] {0, 1, 7, 8, 9, 16, 63, 64, 65, 200}) {
                for (double spread : new double[] {0.1, 3, 40, 900}) {
                    double[][] z = new double[classes][length];
                    int[] label = new int[length];
                    for (int r = 0; r < length; r++) {
                        for (int c = 0; c < classes; c++) z[c][r] = spread * random.nextGaussian();
                        label[r] = random.nextInt(classes);
                    }
                    if (length > 2) z[0][1] = z[1][1];  // a tie for the maximum
                    double scale = 1.0 / 41;
                    double[][] zv = copy(z), zs = copy(z);
                    double vector = VectorKernels.softmax(zv, classes, length, label, scale, true, new double[length]);
                    double scalar = ScalarKernels.softmax(zs, classes, length, label, scale, true, new double[length]);
                    double[][] zl = copy(z);
                    double lossOnly = VectorKernels.softmax(zl, classes, length, label, scale, false, new double[length]);
                    double expected = 0, magnitude = 0;
                    for (int r = 0; r < length; r++) {
                        // the definition, shifted by the row's maximum: −log p_label = log Σ꜀ exp(z꜀ − m) + m − z_label
                        double max = Double.NEGATIVE_INFINITY, sum = 0;
                        for (int c = 0; c < classes; c++) max = Math.max(max, z[c][r]);
                        for (int c = 0; c < classes; c++) sum += Math.exp(z[c][r] - max);
                        double rowLoss = Math.log(sum) + (max - z[label[r]][r]);
                        expected += rowLoss;
                        magnitude += Math.abs(rowLoss) + 1;
                        for (int c = 0; c < classes; c++) {
                            double p = Math.exp(z[c][r] - max) / sum;
                            double coefficient = scale * (p - (c == label[r] ? 1 : 0));
                            double bound = 8 * Math.ulp(scale) + 8 * Math.ulp(coefficient);
                            assertThat(zv[c][r]).as("vector, %d classes, length %d, spread %s", classes, length, spread)
                                    .isCloseTo(coefficient, within(bound));
                            assertThat(zs[c][r]).as("scalar, %d classes, length %d, spread %s", classes, length, spread)
                                    .isCloseTo(coefficient, within(bound));
                        }
                    }
                    double bound = 1e-15 * magnitude;
                    assertThat(vector).as("vector loss, %d classes, length %d, spread %s", classes, length, spread)
                            .isCloseTo(expected, within(bound));
                    assertThat(scalar).as("scalar loss").isCloseTo(expected, within(bound));
                    assertThat(lossOnly).as("loss without coefficients").isEqualTo(vector);
                }
            }
        }
    }

    private static double[][] copy(double[][] z) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) out[i] = z[i].clone();
        return out;
    }

    private static org.assertj.core.data.Offset<Double> within(double bound) {
        return org.assertj.core.data.Offset.offset(bound);
    }
}
