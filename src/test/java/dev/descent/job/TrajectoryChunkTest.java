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
            TrajectoryChunk chunk = random(37, width, width);
            byte[] blob = chunk.encode();
            assertThat(blob).hasSize(12 + 37 * (40 + 8 * width));
            assertSame(TrajectoryChunk.decode(blob), chunk);
        }
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
