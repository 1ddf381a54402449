package dev.descent.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Everything a run needs to continue exactly where it was after {@code iteration} steps: the
 * loop's own state (point, value, gradient, best point, patience counter, first loss, clock and
 * evaluation counts) and the optimizer's and schedule's state ({@code state}, written by
 * {@link RunState}).
 */
public record Checkpoint(long iteration, double[] x, double loss, double[] gradient, double[] bestX, double bestLoss,
                         double bestGradientNorm, long sinceBest, double firstLoss, double elapsedMillis,
                         long functionEvaluations, long gradientEvaluations, byte[] state) {
    private static final int VERSION = 1;

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 24 * x.length + state.length);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(VERSION);
            out.writeLong(iteration);
            vector(out, x);
            out.writeDouble(loss);
            vector(out, gradient);
            vector(out, bestX);
            out.writeDouble(bestLoss);
            out.writeDouble(bestGradientNorm);
            out.writeLong(sinceBest);
            out.writeDouble(firstLoss);
            out.writeDouble(elapsedMillis);
            out.writeLong(functionEvaluations);
            out.writeLong(gradientEvaluations);
            out.writeInt(state.length);
            out.write(state);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Checkpoint decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readInt();
            if (version != VERSION) throw new IllegalArgumentException("unknown checkpoint version " + version);
            long k = in.readLong();
            double[] x = vector(in);
            double f = in.readDouble();
            double[] g = vector(in);
            double[] best = vector(in);
            double bestLoss = in.readDouble(), bestGradientNorm = in.readDouble();
            long sinceBest = in.readLong();
            double f0 = in.readDouble(), elapsed = in.readDouble();
            long fe = in.readLong(), ge = in.readLong();
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            return new Checkpoint(k, x, f, g, best, bestLoss, bestGradientNorm, sinceBest, f0, elapsed, fe, ge, state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void vector(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double d : v) out.writeDouble(d);
    }

    private static double[] vector(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
        return v;
    }
}
