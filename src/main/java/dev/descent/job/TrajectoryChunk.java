package dev.descent.job;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Many recorded points in one binary blob, the unit a durable store writes: a header (point count,
 * width of x), then per point the iteration (long), loss, gradient norm, learning rate and elapsed
 * milliseconds (doubles) and x (width doubles).
 */
record TrajectoryChunk(int points, int width, long[] iteration, double[] loss, double[] gradientNorm,
                       double[] learningRate, double[] elapsed, double[] x) {

    long first() {
        return iteration[0];
    }

    long last() {
        return iteration[points - 1];
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(8 + points * (40 + 8 * width));
        b.putInt(points).putInt(width);
        for (int i = 0; i < points; i++) {
            b.putLong(iteration[i]).putDouble(loss[i]).putDouble(gradientNorm[i]).putDouble(learningRate[i])
                    .putDouble(elapsed[i]);
            for (int j = 0; j < width; j++) b.putDouble(x[i * width + j]);
        }
        return b.array();
    }

    static TrajectoryChunk decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int n = b.getInt(), w = b.getInt();
        long[] it = new long[n];
        double[] f = new double[n], g = new double[n], lr = new double[n], ms = new double[n], x = new double[n * w];
        for (int i = 0; i < n; i++) {
            it[i] = b.getLong();
            f[i] = b.getDouble();
            g[i] = b.getDouble();
            lr[i] = b.getDouble();
            ms[i] = b.getDouble();
            for (int j = 0; j < w; j++) x[i * w + j] = b.getDouble();
        }
        return new TrajectoryChunk(n, w, it, f, g, lr, ms, x);
    }

    TrajectoryPoint point(int i) {
        double[] p = width > 0 ? java.util.Arrays.copyOfRange(x, i * width, (i + 1) * width) : null;
        return new TrajectoryPoint(iteration[i], Job.finite(loss[i]), Job.finite(gradientNorm[i]),
                Job.finite(learningRate[i]), elapsed[i], p);
    }

    /** The points of several chunks, in order, as one chunk. */
    static TrajectoryChunk concat(List<TrajectoryChunk> chunks, int width) {
        int n = chunks.stream().mapToInt(TrajectoryChunk::points).sum();
        long[] it = new long[n];
        double[] f = new double[n], g = new double[n], lr = new double[n], ms = new double[n], x = new double[n * width];
        int o = 0;
        for (TrajectoryChunk c : chunks) {
            System.arraycopy(c.iteration, 0, it, o, c.points);
            System.arraycopy(c.loss, 0, f, o, c.points);
            System.arraycopy(c.gradientNorm, 0, g, o, c.points);
            System.arraycopy(c.learningRate, 0, lr, o, c.points);
            System.arraycopy(c.elapsed, 0, ms, o, c.points);
            if (width > 0 && c.width == width) System.arraycopy(c.x, 0, x, o * width, c.points * width);
            o += c.points;
        }
        return new TrajectoryChunk(n, width, it, f, g, lr, ms, x);
    }
}
