package dev.descent.optimizer;

/**
 * Heavy-ball momentum as torch 1.13 SGD: the first step sets buf ← g (no dampening), later
 * buf ← μ·buf + (1 − dampening)·g; the step is buf, or g + μ·buf with Nesterov (Sutskever et al.
 * 2013 in torch's reformulation). Starting buf at g rather than 0 is torch's choice, not Polyak's;
 * {@code fromZero} starts at 0 instead (torch's RMSprop buffer, and the classical form whose
 * velocity holds the learning rate). A step whose μ is 0 (a schedule may set it) passes g through
 * and leaves the buffer alone, as torch skips momentum when the group's momentum is 0.
 */
record TraceMomentum(MomentumFactor momentum, double dampening, boolean nesterov, boolean fromZero)
        implements UpdateRule<TraceMomentum.Buffer> {

    TraceMomentum(double momentum, double dampening, boolean nesterov) {
        this(MomentumFactor.fixed(momentum), dampening, nesterov, false);
    }

    static final class Buffer implements java.io.Serializable {
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
        double mu = momentum.at(t);
        if (mu == 0) return;
        double[] buf = s.buf;
        if (!s.started && !fromZero) {
            System.arraycopy(g, 0, buf, 0, g.length);
        } else {
            double keep = 1 - dampening;
            for (int i = 0; i < g.length; i++) buf[i] = mu * buf[i] + keep * g[i];
        }
        s.started = true;
        if (nesterov) {
            for (int i = 0; i < g.length; i++) g[i] += mu * buf[i];
        } else {
            System.arraycopy(buf, 0, g, 0, g.length);
        }
    }
}
