package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrajectoryChunkTest {

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
        return new TrajectoryChunk(n, width, it, f, g, lr, ms, x);
    }

    private static void assertSame(TrajectoryChunk actual, TrajectoryChunk expected) {
        assertThat(actual.points()).isEqualTo(expected.points());
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.iteration()).isEqualTo(expected.iteration());
        // Bit patterns, so NaN, infinities and −0 count too.
        for (double[][] pair : new double[][][] {{actual.loss(), expected.loss()}, {actual.gradientNorm(), expected.gradientNorm()},
                {actual.learningRate(), expected.learningRate()}, {actual.elapsed(), expected.elapsed()}, {actual.x(), expected.x()}}) {
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
            TrajectoryChunk chunk = new TrajectoryChunk(n, 0, it, zeros, zeros, zeros, zeros, new double[0]);
            assertThat(TrajectoryChunk.decode(chunk.encode()).iteration()).containsExactly(it);
        }
        long[] even = new long[1000];
        for (int i = 0; i < even.length; i++) even[i] = 3 + 7L * i;
        double[] zeros = new double[even.length];
        byte[] blob = new TrajectoryChunk(even.length, 0, even, zeros, zeros, zeros, zeros, new double[0]).encode();
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
        TrajectoryChunk chunk = new TrajectoryChunk(n, width, it, f, g, lr, ms, x);
        byte[] blob = chunk.encode();
        assertSame(TrajectoryChunk.decode(blob), chunk);
        // x coordinates change in their low mantissa bits at every step: about 6.5 bytes each instead of 8
        assertThat((double) blob.length / n).as("bytes per point with x, plain columns take 72").isLessThan(0.7 * 72);
        TrajectoryChunk without = new TrajectoryChunk(n, 0, it, f, g, lr, ms, new double[0]);
        byte[] small = without.encode();
        assertSame(TrajectoryChunk.decode(small), without);
        assertThat((double) small.length / n).as("bytes per point without x, plain columns take 40").isLessThan(0.55 * 40);
    }

    @Test
    void blobsOfThePlainColumnarFormatStillDecode() {
        TrajectoryChunk chunk = random(6, 2, 43);
        // The second format, written out by hand: marker −2, count, width, then each column as little-endian values.
        ByteBuffer b = ByteBuffer.allocate(12 + 6 * (40 + 16)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(-2).putInt(6).putInt(2);
        for (long v : chunk.iteration()) b.putLong(v);
        for (double[] column : new double[][] {chunk.loss(), chunk.gradientNorm(), chunk.learningRate(), chunk.elapsed(), chunk.x()}) {
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
            b.putLong(chunk.iteration()[i]).putDouble(chunk.loss()[i]).putDouble(chunk.gradientNorm()[i])
                    .putDouble(chunk.learningRate()[i]).putDouble(chunk.elapsed()[i]);
            for (int j = 0; j < 3; j++) b.putDouble(chunk.x()[3 * i + j]);
        }
        assertSame(TrajectoryChunk.decode(b.array()), chunk);
    }

    @Test
    void encodingTakesOnlyTheCountedPrefixOfLongerColumns() {
        TrajectoryChunk full = random(10, 2, 7);
        TrajectoryChunk prefix = new TrajectoryChunk(4, 2, full.iteration(), full.loss(), full.gradientNorm(),
                full.learningRate(), full.elapsed(), full.x());
        TrajectoryChunk decoded = TrajectoryChunk.decode(prefix.encode());
        assertThat(decoded.points()).isEqualTo(4);
        assertThat(decoded.iteration()).containsExactly(java.util.Arrays.copyOf(full.iteration(), 4));
        assertThat(decoded.x()).containsExactly(java.util.Arrays.copyOf(full.x(), 8));
        assertThat(decoded.elapsed()).containsExactly(java.util.Arrays.copyOf(full.elapsed(), 4));
    }
}
