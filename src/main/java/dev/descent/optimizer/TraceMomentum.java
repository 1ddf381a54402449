package dev.descent.optimizer;

/**
 * Heavy-ball momentum as torch 1.13 SGD: the first step sets buf ← g (no dampening), later
 * buf ← μ·buf + (1 − dampening)·g; the step is buf, or g + μ·buf with Nesterov (Sutskever et al.
 * 2013 in torch's reformulation). Starting buf at g rather than 0 is torch's choice, not Polyak's.
 */
record TraceMomentum(double momentum, double dampening, boolean nesterov) implements UpdateRule<TraceMomentum.Buffer> {

    static final class Buffer {
        final double[] buf;
        boolean started;

        Buffer(int n) {
            buf = new double[n];
        }
    }

    @Override
    public Buffer init(int n) {
        return new Buffer(n);
    }

    @Override
    public void update(double[] g, Buffer s, double[] x, long t) {
        double[] buf = s.buf;
        if (!s.started) {
            System.arraycopy(g, 0, buf, 0, g.length);
            s.started = true;
        } else {
            double keep = 1 - dampening;
            for (int i = 0; i < g.length; i++) buf[i] = momentum * buf[i] + keep * g[i];
        }
        if (nesterov) {
            for (int i = 0; i < g.length; i++) g[i] += momentum * buf[i];
        } else {
            System.arraycopy(buf, 0, g, 0, g.length);
        }
    }
}
