package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrajectoryChunkTest {

    /** A chunk of the given columns (x point by point), written point by point as a run writes it. */
    static TrajectoryChunk of(int n, int width, long[] it, double[] f, double[] g, double[] lr, double[] ms, double[] x) {
        double[] rows = new double[n * TrajectoryChunk.span(width)];
        double[] point = new double[width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * width, point, 0, width);
            TrajectoryChunk.put(rows, width, i, it[i], f[i], g[i], lr[i], ms[i], point);
        }
        return new TrajectoryChunk(n, width, rows);
    }

    /** Column {@code field} of a chunk: 1 loss, 2 gradient norm, 3 learning rate, 4 elapsed. */
    private static double[] column(TrajectoryChunk c, int field) {
        double[] out = new double[c.points()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (field) {
                case 1 -> c.loss(i);
                case 2 -> c.gradientNorm(i);
                case 3 -> c.learningRate(i);
                default -> c.elapsed(i);
            };
        }
        return out;
    }

    /** The x of every point, point by point. */
    private static double[] xs(TrajectoryChunk c) {
        double[] out = new double[c.points() * c.width()];
        for (int i = 0; i < c.points(); i++) for (int j = 0; j < c.width(); j++) out[i * c.width() + j] = c.x(i, j);
        return out;
    }

    private static TrajectoryChunk random(int n, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] it = new long[n];
        double[] f = new double[n], g = new double[n], lr = new double[n], ms = new double[n], x = new double[n * width];
        for (int i = 0; i < n; i++) {
            it[i] = 3L * i + r.nextInt(3);
            f[i] = r.nextDouble(-1e300, 1e300);
            g[i] = i == 1 ? Double.NaN : r.nextDouble();
            lr[i] = i == 2 ? Double.POSITIVE_INFINITY : r.nextDouble();
            ms[i] = r.nextDouble(0, 1e6);
        }
        for (int j = 0; j < x.length; j++) x[j] = j == 0 ? -0.0 : r.nextGaussian();
        return of(n, width, it, f, g, lr, ms, x);
    }

    private static void assertSame(TrajectoryChunk actual, TrajectoryChunk expected) {
        assertThat(actual.points()).isEqualTo(expected.points());
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.iterations()).isEqualTo(expected.iterations());
        // Bit patterns, so NaN, infinities and −0 count too.
        for (double[][] pair : new double[][][] {{column(actual, 1), column(expected, 1)}, {column(actual, 2), column(expected, 2)},
                {column(actual, 3), column(expected, 3)}, {column(actual, 4), column(expected, 4)}, {xs(actual), xs(expected)}}) {
            assertThat(pair[0]).hasSameSizeAs(pair[1]);
            for (int i = 0; i < pair[0].length; i++) {
                assertThat(Double.doubleToRawLongBits(pair[0][i])).isEqualTo(Double.doubleToRawLongBits(pair[1][i]));
            }
        }
    }

    @Test
    void aChunkDecodesToExactlyWhatWasEncodedWithAndWithoutPoints() {
        for (int width : new int[] {0, 1, 7}) {
            for (int n : new int[] {0, 1, 2, 3, 36, 37}) {
                TrajectoryChunk chunk = random(n, width, 31L * width + n);
                byte[] blob = chunk.encode();
                assertThat(blob.length).as("never larger than the plain columns and a nibble per value")
                        .isLessThanOrEqualTo(12 + 17 + 10 * n + (4 + width) * ((n + 1) / 2 + 8 * n));
                assertSame(TrajectoryChunk.decode(blob), chunk);
            }
        }
    }

    @Test
    void iterationStepsOfAnySizeAndEvenStepsDecodeExactly() {
        long[][] cases = {
                {5, 10, 15, 20},                                   // even: first and step only
                {0, 1, 2, 4, 8, 1 << 20, 1L << 40, (1L << 40) + 1}, // growing steps, multi-byte varints
                {7, 6, 100, Long.MAX_VALUE / 2, Long.MIN_VALUE / 2, 3}, // negative and huge steps
                {42}};
        for (long[] it : cases) {
            int n = it.length;
            double[] zeros = new double[n];
            TrajectoryChunk chunk = of(n, 0, it, zeros, zeros, zeros, zeros, new double[0]);
            assertThat(chunk.iterations()).as("kept exactly in the rows").containsExactly(it);
            assertThat(TrajectoryChunk.decode(chunk.encode()).iterations()).containsExactly(it);
        }
        long[] even = new long[1000];
        for (int i = 0; i < even.length; i++) even[i] = 3 + 7L * i;
        double[] zeros = new double[even.length];
        byte[] blob = of(even.length, 0, even, zeros, zeros, zeros, zeros, new double[0]).encode();
        assertThat(blob).as("17 bytes of iterations, then constant columns at half a byte per value").hasSize(12 + 17 + 4 * 500);
    }

    /** What a run records: the iteration, a smoothly falling loss and gradient norm, a constant rate, the time. */
    @Test
    void aRealisticTrajectoryTakesHalfThePlainSizeWithoutXAndTwoThirdsWithIt() {
        int n = 4096, width = 4;
        long[] it = new long[n];
        double[] f = new double[n], g = new double[n], lr = new double[n], ms = new double[n], x = new double[n * width];
        double[] point = {1, -2, 3, -4};
        for (int i = 0; i < n; i++) {
            it[i] = i;
            double norm = 0;
            for (int j = 0; j < width; j++) {
                point[j] -= 1e-3 * (j + 1) * point[j];
                x[i * width + j] = point[j];
                norm += (j + 1) * (j + 1) * point[j] * point[j];
            }
            f[i] = 0.5 * norm;
            g[i] = Math.sqrt(norm);
            lr[i] = 1e-3;
            ms[i] = 0.000123 * i + 1e-7 * (i % 7);
        }
        TrajectoryChunk chunk = of(n, width, it, f, g, lr, ms, x);
        byte[] blob = chunk.encode();
        assertSame(TrajectoryChunk.decode(blob), chunk);
        // x coordinates change in their low mantissa bits at every step: about 6.5 bytes each instead of 8
        assertThat((double) blob.length / n).as("bytes per point with x, plain columns take 72").isLessThan(0.7 * 72);
        TrajectoryChunk without = of(n, 0, it, f, g, lr, ms, new double[0]);
        byte[] small = without.encode();
        assertSame(TrajectoryChunk.decode(small), without);
        assertThat((double) small.length / n).as("bytes per point without x, plain columns take 40").isLessThan(0.55 * 40);
    }

    /**
     * The compressed format's bytes, pinned: blobs already in a store must keep decoding, and a change
     * that reordered the columns in both encode and decode would pass every round trip above. The
     * blob below is what the store has written since this format came in (the columnar encoder of
     * before the row-wise blocks gives the same bytes).
     */
    @Test
    void theCompressedFormatsBytesAreUnchanged() {
        long[] it = {0, 5, 7};
        double[] f = {1.5, 1.25, 1.125}, g = {0.5, 0.5, 0.25}, lr = {0.01, 0.01, 0.01}, ms = {0, 0.25, 0.5}, x = {1, 2, 3};
        TrajectoryChunk chunk = of(3, 1, it, f, g, lr, ms, x);
        // Per column, a control byte gives two values' byte counts (low nibble first), then the low
        // bytes of each value's bits XOR the previous value's.
        String blob = "fdffffff" + "03000000" + "01000000"          // marker −3, 3 points, width 1
                + "01" + "0000000000000000" + "0a04"                   // uneven steps: first 0, zigzag steps 5 and 2
                + "78" + "000000000000f83f" + "0000000000000c" + "07" + "00000000000006"   // losses
                + "08" + "000000000000e03f" + "07" + "00000000000030"                      // gradient norms (0.5 twice: 0 bytes)
                + "08" + "7b14ae47e17a843f" + "00"                                         // learning rates (constant)
                + "80" + "000000000000d03f" + "07" + "00000000000030"                      // elapsed (0 first: 0 bytes)
                + "88" + "000000000000f03f" + "000000000000f07f" + "07" + "00000000000008"; // x
        assertThat(java.util.HexFormat.of().formatHex(chunk.encode())).isEqualTo(blob);
        assertSame(TrajectoryChunk.decode(java.util.HexFormat.of().parseHex(blob)), chunk);
    }

    @Test
    void blobsOfThePlainColumnarFormatStillDecode() {
        TrajectoryChunk chunk = random(6, 2, 43);
        // The second format, written out by hand: marker −2, count, width, then each column as little-endian values.
        ByteBuffer b = ByteBuffer.allocate(12 + 6 * (40 + 16)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(-2).putInt(6).putInt(2);
        for (long v : chunk.iterations()) b.putLong(v);
        for (double[] column : new double[][] {column(chunk, 1), column(chunk, 2), column(chunk, 3), column(chunk, 4), xs(chunk)}) {
            for (double v : column) b.putDouble(v);
        }
        assertSame(TrajectoryChunk.decode(b.array()), chunk);
    }

    @Test
    void blobsOfTheRowWiseFormatStillDecode() {
        TrajectoryChunk chunk = random(5, 3, 42);
        // The first format, written out by hand: count and width, then each point's fields, big-endian.
        ByteBuffer b = ByteBuffer.allocate(8 + 5 * (40 + 24));
        b.putInt(5).putInt(3);
        for (int i = 0; i < 5; i++) {
            b.putLong(chunk.iteration(i)).putDouble(chunk.loss(i)).putDouble(chunk.gradientNorm(i))
                    .putDouble(chunk.learningRate(i)).putDouble(chunk.elapsed(i));
            for (int j = 0; j < 3; j++) b.putDouble(chunk.x(i, j));
        }
        assertSame(TrajectoryChunk.decode(b.array()), chunk);
    }

    @Test
    void encodingTakesOnlyTheCountedPrefixOfALongerBlock() {
        TrajectoryChunk full = random(10, 2, 7);
        TrajectoryChunk prefix = new TrajectoryChunk(4, 2, full.rows());
        TrajectoryChunk decoded = TrajectoryChunk.decode(prefix.encode());
        assertThat(decoded.points()).isEqualTo(4);
        assertThat(decoded.iterations()).containsExactly(java.util.Arrays.copyOf(full.iterations(), 4));
        assertThat(xs(decoded)).containsExactly(java.util.Arrays.copyOf(xs(full), 8));
        assertThat(column(decoded, 4)).containsExactly(java.util.Arrays.copyOf(column(full, 4), 4));
        assertSame(full.slice(0, 4), decoded);
    }

    @Test
    void pointsAreKeptRowByRowInTheDocumentedOrder() {
        double[] rows = new double[2 * TrajectoryChunk.span(3)];
        TrajectoryChunk.put(rows, 3, 1, -7, 1.5, 2.5, 3.5, 4.5, new double[] {6, 7, 8});
        assertThat(java.util.Arrays.copyOfRange(rows, 8, 16)).containsExactly(Double.longBitsToDouble(-7), 1.5, 2.5, 3.5,
                4.5, 6, 7, 8);
        TrajectoryPoint p = new TrajectoryChunk(2, 3, rows).point(1);
        assertThat(p.iteration()).isEqualTo(-7);
        assertThat(p.x()).containsExactly(6, 7, 8);
    }

    @Test
    void slicesAndEverySecondPointAreCopiesOfTheRightPoints() {
        TrajectoryChunk c = random(7, 2, 11);
        TrajectoryChunk second = c.everySecond();
        assertThat(second.points()).isEqualTo(4);
        for (int i = 0; i < 4; i++) assertThat(second.point(i)).usingRecursiveComparison().isEqualTo(c.point(2 * i));
        TrajectoryChunk slice = c.slice(2, 3);
        for (int i = 0; i < 3; i++) assertThat(slice.point(i)).usingRecursiveComparison().isEqualTo(c.point(2 + i));
        slice.rows()[0] = 99;
        assertThat(c.rows()[2 * TrajectoryChunk.span(2)]).as("a copy").isNotEqualTo(99);
    }

    @Test
    void concatenationKeepsEveryPointAndLeavesXOfAnotherWidthZero() {
        TrajectoryChunk a = random(3, 2, 1), b = random(4, 2, 2), other = random(2, 5, 3);
        TrajectoryChunk all = TrajectoryChunk.concat(java.util.List.of(a, b, other), 2);
        assertThat(all.points()).isEqualTo(9);
        for (int i = 0; i < 3; i++) assertThat(all.point(i)).usingRecursiveComparison().isEqualTo(a.point(i));
        for (int i = 0; i < 4; i++) assertThat(all.point(3 + i)).usingRecursiveComparison().isEqualTo(b.point(i));
        for (int i = 0; i < 2; i++) {
            assertThat(all.iteration(7 + i)).isEqualTo(other.iteration(i));
            assertThat(Double.doubleToRawLongBits(all.loss(7 + i))).isEqualTo(Double.doubleToRawLongBits(other.loss(i)));
            assertThat(all.x(7 + i, 0)).isZero();
            assertThat(all.x(7 + i, 1)).isZero();
        }
    }
}
