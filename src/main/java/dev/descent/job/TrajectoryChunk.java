package dev.descent.job;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Many recorded points in one binary blob, the unit a durable store writes. The blob is columnar and
 * compressed without loss: a header (the format marker {@code -3}, point count, width of x, all
 * little-endian), then the iterations, and then each double column in turn (losses, gradient norms,
 * learning rates, elapsed milliseconds, then x coordinate by coordinate).
 *
 * <ul>
 *   <li>Iterations: mode 0 with the first and the step when the steps are all equal (recording every
 *       k-th iteration: 17 bytes for any count), else mode 1 with the first and each step as a
 *       zigzag varint (one byte per point for steps below 64).</li>
 *   <li>Doubles: each value's bits XOR the previous value's; a nibble gives how many low-order bytes
 *       of that XOR are not zero, then those bytes follow (two nibbles to a control byte). Successive
 *       values of a run share their sign, exponent and leading mantissa bits, so a loss or gradient
 *       norm takes 5–7 bytes, a constant learning rate half a byte.</li>
 * </ul>
 *
 * <p>A typical point (no x) takes about 20 bytes instead of 40, which halves what the store copies
 * and writes. Blobs of the two earlier formats still decode: the plain columnar one (marker
 * {@code -2}, columns as little-endian arrays) and the first, row-wise one (a header of point count
 * and width, then each point's fields big-endian).
 */
record TrajectoryChunk(int points, int width, long[] iteration, double[] loss, double[] gradientNorm,
                       double[] learningRate, double[] elapsed, double[] x) {
    private static final int COLUMNAR = -2;
    private static final int COMPRESSED = -3;
    private static final int HEADER = 12;

    long first() {
        return iteration[0];
    }

    long last() {
        return iteration[points - 1];
    }

    byte[] encode() {
        return encode(new byte[maxEncodedBytes()]);
    }

    /** The most bytes {@link #encode} can take: 17 bytes of steps plus 10 per point, and per double a nibble and 8 bytes. */
    int maxEncodedBytes() {
        int n = points;
        return HEADER + 17 + 10 * n + (4 + width) * ((n + 1) / 2 + 8 * n);
    }

    /** Encodes into {@code out} (at least {@link #maxEncodedBytes} long, its contents overwritten), returning a copy of the blob. */
    byte[] encode(byte[] out) {
        int n = points;
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(COMPRESSED).putInt(n).putInt(width);
        int at = encodeIterations(out, HEADER);
        for (double[] column : new double[][] {loss, gradientNorm, learningRate, elapsed}) at = encodeDoubles(column, 0, 1, n, out, at);
        for (int j = 0; j < width; j++) at = encodeDoubles(x, j, width, n, out, at);
        return java.util.Arrays.copyOf(out, at);
    }

    private int encodeIterations(byte[] out, int at) {
        int n = points;
        long step = n > 1 ? iteration[1] - iteration[0] : 0;
        boolean even = true;
        for (int i = 2; i < n && even; i++) even = iteration[i] - iteration[i - 1] == step;
        out[at++] = (byte) (even ? 0 : 1);
        at = putLong(out, at, n > 0 ? iteration[0] : 0);
        if (even) return putLong(out, at, step);
        for (int i = 1; i < n; i++) {
            long d = iteration[i] - iteration[i - 1];
            for (long z = (d << 1) ^ (d >> 63); ; z >>>= 7) {
                if ((z & ~0x7FL) == 0) {
                    out[at++] = (byte) z;
                    break;
                }
                out[at++] = (byte) ((z & 0x7F) | 0x80);
            }
        }
        return at;
    }

    /** values[offset + i·stride] for i < n, each XOR the one before (see the class comment). */
    private static int encodeDoubles(double[] values, int offset, int stride, int n, byte[] out, int at) {
        long previous = 0;
        for (int i = 0; i < n; i += 2) {
            int control = at++;
            long a = Double.doubleToRawLongBits(values[offset + i * stride]), xa = a ^ previous;
            int ka = significantBytes(xa);
            at = putLow(out, at, xa, ka);
            previous = a;
            int kb = 0;
            if (i + 1 < n) {
                long v = Double.doubleToRawLongBits(values[offset + (i + 1) * stride]), xb = v ^ previous;
                kb = significantBytes(xb);
                at = putLow(out, at, xb, kb);
                previous = v;
            }
            out[control] = (byte) (ka | kb << 4);
        }
        return at;
    }

    private static int significantBytes(long x) {
        return (64 - Long.numberOfLeadingZeros(x) + 7) >>> 3;
    }

    private static int putLow(byte[] out, int at, long x, int bytes) {
        for (int k = 0; k < bytes; k++, x >>>= 8) out[at++] = (byte) x;
        return at;
    }

    private static int putLong(byte[] out, int at, long x) {
        return putLow(out, at, x, 8);
    }

    static TrajectoryChunk decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int marker = b.getInt(0);
        if (marker == COMPRESSED) return decodeCompressed(data, b.getInt(4), b.getInt(8));
        // A row-wise blob starts with its point count big-endian, never a marker read little-endian.
        if (marker != COLUMNAR) return decodeRows(b.order(ByteOrder.BIG_ENDIAN));
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

    private static TrajectoryChunk decodeCompressed(byte[] in, int n, int w) {
        long[] it = new long[n];
        int at = HEADER;
        boolean even = in[at++] == 0;
        long value = getLow(in, at, 8);
        at += 8;
        if (even) {
            long step = getLow(in, at, 8);
            at += 8;
            for (int i = 0; i < n; i++, value += step) it[i] = value;
        } else {
            if (n > 0) it[0] = value;
            for (int i = 1; i < n; i++) {
                long z = 0;
                for (int shift = 0; ; shift += 7) {
                    byte next = in[at++];
                    z |= (long) (next & 0x7F) << shift;
                    if (next >= 0) break;
                }
                it[i] = it[i - 1] + ((z >>> 1) ^ -(z & 1));
            }
        }
        double[][] columns = new double[4][n];
        for (double[] column : columns) at = decodeDoubles(in, at, column, 0, 1, n);
        double[] x = new double[n * w];
        for (int j = 0; j < w; j++) at = decodeDoubles(in, at, x, j, w, n);
        return new TrajectoryChunk(n, w, it, columns[0], columns[1], columns[2], columns[3], x);
    }

    private static int decodeDoubles(byte[] in, int at, double[] values, int offset, int stride, int n) {
        long previous = 0;
        for (int i = 0; i < n; i += 2) {
            int control = in[at++] & 0xFF, ka = control & 0xF, kb = control >>> 4;
            previous ^= getLow(in, at, ka);
            at += ka;
            values[offset + i * stride] = Double.longBitsToDouble(previous);
            if (i + 1 < n) {
                previous ^= getLow(in, at, kb);
                at += kb;
                values[offset + (i + 1) * stride] = Double.longBitsToDouble(previous);
            }
        }
        return at;
    }

    private static long getLow(byte[] in, int at, int bytes) {
        long x = 0;
        for (int k = 0; k < bytes; k++) x |= (in[at + k] & 0xFFL) << (8 * k);
        return x;
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
