package dev.descent.job;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Many recorded points in one binary blob, the unit a durable store writes. The blob is columnar and
 * little-endian: a header (the format marker {@code -2}, point count, width of x), then the
 * iterations (longs), losses, gradient norms, learning rates and elapsed milliseconds (doubles),
 * then the points' x row after row (width doubles each). Columns go in and out as bulk copies, so a
 * chunk costs the writer little more than the bytes. Blobs of the first, row-wise format (a header
 * of point count and width, then each point's fields big-endian) still decode.
 */
record TrajectoryChunk(int points, int width, long[] iteration, double[] loss, double[] gradientNorm,
                       double[] learningRate, double[] elapsed, double[] x) {
    private static final int COLUMNAR = -2;
    private static final int HEADER = 12;

    long first() {
        return iteration[0];
    }

    long last() {
        return iteration[points - 1];
    }

    byte[] encode() {
        int n = points;
        byte[] out = new byte[HEADER + n * (40 + 8 * width)];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(COLUMNAR).putInt(n).putInt(width);
        b.asLongBuffer().put(iteration, 0, n);
        int at = HEADER + 8 * n;
        for (double[] column : new double[][] {loss, gradientNorm, learningRate, elapsed}) {
            b.position(at);
            b.asDoubleBuffer().put(column, 0, n);
            at += 8 * n;
        }
        b.position(at);
        b.asDoubleBuffer().put(x, 0, n * width);
        return out;
    }

    static TrajectoryChunk decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        // A row-wise blob starts with its point count big-endian, never the marker read little-endian.
        if (b.getInt(0) != COLUMNAR) return decodeRows(b.order(ByteOrder.BIG_ENDIAN));
        b.position(4);
        int n = b.getInt(), w = b.getInt();
        long[] it = new long[n];
        b.asLongBuffer().get(it);
        double[][] columns = new double[4][n];
        int at = HEADER + 8 * n;
        for (double[] column : columns) {
            b.position(at);
            b.asDoubleBuffer().get(column);
            at += 8 * n;
        }
        double[] x = new double[n * w];
        b.position(at);
        b.asDoubleBuffer().get(x);
        return new TrajectoryChunk(n, w, it, columns[0], columns[1], columns[2], columns[3], x);
    }

    /** The first format: per point the iteration, loss, gradient norm, learning rate, elapsed and x, big-endian. */
    private static TrajectoryChunk decodeRows(ByteBuffer b) {
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
