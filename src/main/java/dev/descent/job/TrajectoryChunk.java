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
 *
 * <p>In memory the points are row-wise, in one array: per point {@value #FIELDS} doubles (the
 * iteration's raw bits, the loss, gradient norm, learning rate and elapsed milliseconds) then its x.
 * The run's thread writes a point as one short sequential run of stores into one array, instead of
 * one store into each of six ({@link ChunkWriter#append}); the columnar order is the writer
 * thread's business when it encodes.
 */
record TrajectoryChunk(int points, int width, double[] rows) {
    private static final int COLUMNAR = -2;
    private static final int COMPRESSED = -3;
    private static final int HEADER = 12;
    /** Fields of a point before its x: the iteration's bits, loss, gradient norm, learning rate, elapsed. */
    static final int FIELDS = 5;

    /** Doubles a point takes in {@link #rows}. */
    static int span(int width) {
        return FIELDS + width;
    }

    /** Writes point i's fields into {@code rows}; without an x (null) its coordinates are left as they are. */
    static void put(double[] rows, int width, int i, long iteration, double loss, double gradientNorm,
                    double learningRate, double elapsed, double[] x) {
        int o = i * span(width);
        rows[o] = Double.longBitsToDouble(iteration);
        rows[o + 1] = loss;
        rows[o + 2] = gradientNorm;
        rows[o + 3] = learningRate;
        rows[o + 4] = elapsed;
        // A loop: for the few coordinates of a typical x it is cheaper than System.arraycopy's call.
        if (x != null) for (int j = 0; j < width; j++) rows[o + FIELDS + j] = x[j];
    }

    long iteration(int i) {
        return Double.doubleToRawLongBits(rows[i * span(width)]);
    }

    double loss(int i) {
        return rows[i * span(width) + 1];
    }

    double gradientNorm(int i) {
        return rows[i * span(width) + 2];
    }

    double learningRate(int i) {
        return rows[i * span(width) + 3];
    }

    double elapsed(int i) {
        return rows[i * span(width) + 4];
    }

    /** Coordinate j of point i's x. */
    double x(int i, int j) {
        return rows[i * span(width) + FIELDS + j];
    }

    /** The iterations as a column of their own. */
    long[] iterations() {
        long[] out = new long[points];
        for (int i = 0; i < points; i++) out[i] = iteration(i);
        return out;
    }

    /** The losses as a column of their own. */
    double[] losses() {
        double[] out = new double[points];
        for (int i = 0; i < points; i++) out[i] = loss(i);
        return out;
    }

    long first() {
        return iteration(0);
    }

    long last() {
        return iteration(points - 1);
    }

    /** Every second point (the first, third, …), copied. */
    TrajectoryChunk everySecond() {
        int span = span(width), n = (points + 1) / 2;
        double[] out = new double[n * span];
        for (int i = 0; i < n; i++) System.arraycopy(rows, 2 * i * span, out, i * span, span);
        return new TrajectoryChunk(n, width, out);
    }

    /** Points [from, from + n), copied. */
    TrajectoryChunk slice(int from, int n) {
        int span = span(width);
        return new TrajectoryChunk(n, width, java.util.Arrays.copyOfRange(rows, from * span, (from + n) * span));
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
        int n = points, span = span(width);
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(COMPRESSED).putInt(n).putInt(width);
        int at = encodeIterations(out, HEADER);
        for (int field = 1; field < span; field++) at = encodeDoubles(rows, field, span, n, out, at);
        return java.util.Arrays.copyOf(out, at);
    }

    private int encodeIterations(byte[] out, int at) {
        int n = points;
        long step = n > 1 ? iteration(1) - iteration(0) : 0;
        boolean even = true;
        for (int i = 2; i < n && even; i++) even = iteration(i) - iteration(i - 1) == step;
        out[at++] = (byte) (even ? 0 : 1);
        at = putLong(out, at, n > 0 ? iteration(0) : 0);
        if (even) return putLong(out, at, step);
        for (int i = 1; i < n; i++) {
            long d = iteration(i) - iteration(i - 1);
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
        int n = b.getInt(4), w = b.getInt(8), span = span(w);
        double[] rows = new double[n * span];
        b.position(HEADER);
        for (int i = 0; i < n; i++) rows[i * span] = Double.longBitsToDouble(b.getLong());
        for (int field = 1; field < FIELDS; field++) {
            for (int i = 0; i < n; i++) rows[i * span + field] = b.getDouble();
        }
        for (int i = 0; i < n; i++) {   // x point by point
            for (int j = 0; j < w; j++) rows[i * span + FIELDS + j] = b.getDouble();
        }
        return new TrajectoryChunk(n, w, rows);
    }

    private static TrajectoryChunk decodeCompressed(byte[] in, int n, int w) {
        int span = span(w);
        double[] rows = new double[n * span];
        int at = HEADER;
        boolean even = in[at++] == 0;
        long value = getLow(in, at, 8);
        at += 8;
        if (even) {
            long step = getLow(in, at, 8);
            at += 8;
            for (int i = 0; i < n; i++, value += step) rows[i * span] = Double.longBitsToDouble(value);
        } else if (n > 0) {
            rows[0] = Double.longBitsToDouble(value);
            for (int i = 1; i < n; i++) {
                long z = 0;
                for (int shift = 0; ; shift += 7) {
                    byte next = in[at++];
                    z |= (long) (next & 0x7F) << shift;
                    if (next >= 0) break;
                }
                value += (z >>> 1) ^ -(z & 1);
                rows[i * span] = Double.longBitsToDouble(value);
            }
        }
        for (int field = 1; field < span; field++) at = decodeDoubles(in, at, rows, field, span, n);
        return new TrajectoryChunk(n, w, rows);
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
        int n = b.getInt(), w = b.getInt(), span = span(w);
        double[] rows = new double[n * span];
        for (int i = 0; i < n; i++) {
            rows[i * span] = Double.longBitsToDouble(b.getLong());
            for (int field = 1; field < span; field++) rows[i * span + field] = b.getDouble();
        }
        return new TrajectoryChunk(n, w, rows);
    }

    TrajectoryPoint point(int i) {
        int o = i * span(width);
        double[] p = width > 0 ? java.util.Arrays.copyOfRange(rows, o + FIELDS, o + FIELDS + width) : null;
        return new TrajectoryPoint(iteration(i), Job.finite(rows[o + 1]), Job.finite(rows[o + 2]),
                Job.finite(rows[o + 3]), rows[o + 4], p);
    }

    /** The points of several chunks, in order, as one chunk of the given width (x of another width left 0). */
    static TrajectoryChunk concat(List<TrajectoryChunk> chunks, int width) {
        int n = chunks.stream().mapToInt(TrajectoryChunk::points).sum(), span = span(width);
        double[] rows = new double[n * span];
        int o = 0;
        for (TrajectoryChunk c : chunks) {
            if (c.width == width) {
                System.arraycopy(c.rows, 0, rows, o * span, c.points * span);
            } else {
                for (int i = 0; i < c.points; i++) System.arraycopy(c.rows, i * span(c.width), rows, (o + i) * span, FIELDS);
            }
            o += c.points;
        }
        return new TrajectoryChunk(n, width, rows);
    }
}
