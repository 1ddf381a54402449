package dev.descent.optimizer;

import dev.descent.linalg.Vectors;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StopReason;

/**
 * BFGS on a dense inverse Hessian approximation H, Nocedal & Wright 2006, Algorithm 6.1: d = −H·g,
 * a strong Wolfe step (c1 = 1e-4, c2 = 0.9), then H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ with
 * ρ = 1/yᵀs (eq. 6.17), applied in O(n²) as H − ρ(Hy·sᵀ + s·(Hy)ᵀ) + (ρ²·yᵀHy + ρ)ssᵀ. H starts as
 * I and, before the first update, is rescaled to (yᵀs/yᵀy)·I (eq. 6.20). A pair with
 * yᵀs ≤ 1e-8·‖s‖‖y‖ is skipped, which keeps H positive definite. The first trial step is the
 * scheduled rate, on the very first iteration times min(1, 1/‖g‖₁) as torch's L-BFGS does, since
 * −g has no natural scale yet. When −H·g is not a descent direction (rounding), H is reset to I.
 * H and every vector are made once: n² + 6n doubles.
 */
final class Bfgs implements Optimizer {
    static final double SKIP_TOLERANCE = 1e-8;

    private final int n;
    private final Schedule schedule;
    private final StrongWolfe lineSearch;
    private final double[] h, d, s, y, hy, trialG;
    private boolean started, scaled;
    private long updates;

    Bfgs(int n, Schedule schedule) {
        this.n = n;
        this.schedule = schedule;
        lineSearch = new StrongWolfe(n, LbfgsSpec.TOLERANCE_CHANGE);
        h = new double[n * n];
        d = new double[n];
        s = new double[n];
        y = new double[n];
        hy = new double[n];
        trialG = new double[n];
        identity();
    }

    @Override
    public Halt step(Iterate it, long k) {
        double[] x = it.x(), g = it.g();
        Vectors.multiply(h, n, g, d);
        Vectors.scale(-1, d);
        double gtd = Vectors.dot(g, d);
        if (!(gtd < 0)) {
            identity();
            for (int i = 0; i < n; i++) d[i] = -g[i];
            gtd = Vectors.dot(g, d);
            if (!(gtd < 0)) return new Halt(StopReason.FUNCTION_TOLERANCE, "no descent direction: the gradient is zero");
        }
        double lr = schedule.at(k - 1);
        double first = started ? lr : Math.min(1, 1 / Vectors.norm1(g)) * lr;
        double t = lineSearch.search(it, x, first, d, it.f(), g, gtd, trialG);
        if (t == 0) {
            return new Halt(StopReason.STEP_TOLERANCE, "the line search found no step that decreases f");
        }
        started = true;
        for (int i = 0; i < n; i++) {
            s[i] = t * d[i];
            y[i] = trialG[i] - g[i];
        }
        Vectors.axpy(1, s, x);
        System.arraycopy(trialG, 0, g, 0, n);
        it.setF(lineSearch.value());
        update();
        return null;
    }

    /** Updates applied so far (pairs not skipped). */
    long updates() {
        return updates;
    }

    private void update() {
        double ys = Vectors.dot(y, s);
        if (!(ys > SKIP_TOLERANCE * Vectors.norm2(s) * Vectors.norm2(y))) return;
        if (!scaled) {
            identity();
            double gamma = ys / Vectors.dot(y, y);
            for (int i = 0; i < n; i++) h[i * n + i] = gamma;
            scaled = true;
        }
        double rho = 1 / ys;
        Vectors.multiply(h, n, y, hy);
        double yhy = Vectors.dot(y, hy);
        double c = rho * rho * yhy + rho;
        for (int i = 0; i < n; i++) {
            int o = i * n;
            double si = s[i], hyi = hy[i];
            for (int j = 0; j < n; j++) h[o + j] += c * si * s[j] - rho * (hyi * s[j] + si * hy[j]);
        }
        updates++;
    }

    private void identity() {
        java.util.Arrays.fill(h, 0);
        for (int i = 0; i < n; i++) h[i * n + i] = 1;
        scaled = false;
    }
}
