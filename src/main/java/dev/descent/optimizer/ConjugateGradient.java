package dev.descent.optimizer;

import dev.descent.linalg.Vectors;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StopReason;

/**
 * Nonlinear conjugate gradients, Nocedal & Wright 2006, section 5.2: d = −g + β·d_prev with β of
 * Fletcher–Reeves (eq. 5.41a), Polak–Ribière+ (eq. 5.45, β = max(0, β_PR)) or Hestenes–Stiefel
 * (eq. 5.46). The direction restarts as −g every {@code restartEvery} iterations and whenever it is
 * not a descent direction (gᵀd ≥ 0). The step is a strong Wolfe search with c2 = 0.1 (N&W §5.2),
 * first trial the scheduled rate on the first iteration and then α_prev·g_prevᵀd_prev/gᵀd (N&W
 * eq. 3.60); or, on a quadratic, the exact minimiser α = −gᵀd/dᵀAd, with which every variant is
 * linear CG and ends in at most n steps in exact arithmetic.
 */
final class ConjugateGradient implements Optimizer {
    enum Variant { FLETCHER_REEVES, POLAK_RIBIERE, HESTENES_STIEFEL }

    private final Variant variant;
    private final int restartEvery;
    private final Schedule schedule;
    private final StrongWolfe lineSearch;   // null: exact on a quadratic
    private final double[] d, previousG, trialG;
    private long sinceRestart;
    private double previousStep, previousGtd;
    private boolean started;

    ConjugateGradient(int n, Variant variant, int restartEvery, boolean exact, Schedule schedule) {
        this.variant = variant;
        this.restartEvery = restartEvery;
        this.schedule = schedule;
        lineSearch = exact ? null : new StrongWolfe(n, LbfgsSpec.TOLERANCE_CHANGE, StrongWolfe.C1, 0.1);
        d = new double[n];
        previousG = new double[n];
        trialG = new double[n];
    }

    @Override
    public Halt step(Iterate it, long k) {
        double[] x = it.x(), g = it.g();
        int n = x.length;
        double beta = started && sinceRestart < restartEvery ? beta(g) : 0;
        for (int i = 0; i < n; i++) d[i] = -g[i] + beta * d[i];
        double gtd = Vectors.dot(g, d);
        if (!(gtd < 0) && beta != 0) {
            beta = 0;
            for (int i = 0; i < n; i++) d[i] = -g[i];
            gtd = Vectors.dot(g, d);
        }
        if (!(gtd < 0)) {
            return new Halt(StopReason.FUNCTION_TOLERANCE, "no descent direction: the gradient is zero");
        }
        sinceRestart = beta == 0 ? 1 : sinceRestart + 1;

        double t;
        if (lineSearch == null) {
            it.hessianVectorProduct(x, d, trialG);   // trialG holds A·d here
            double curvature = Vectors.dot(d, trialG);
            if (!(curvature > 0)) {
                return new Halt(StopReason.DIVERGED,
                        "the quadratic has curvature dᵀAd = " + curvature + " ≤ 0 along d, so it is unbounded below");
            }
            t = -gtd / curvature;
            System.arraycopy(g, 0, previousG, 0, n);
            Vectors.axpy(t, d, x);
            it.evaluate();
        } else {
            double first = started ? previousStep * previousGtd / gtd : schedule.at(k - 1);
            t = lineSearch.search(it, x, first, d, it.f(), g, gtd, trialG);
            if (t == 0) {
                return new Halt(StopReason.STEP_TOLERANCE, "the line search found no step that decreases f");
            }
            System.arraycopy(g, 0, previousG, 0, n);
            Vectors.axpy(t, d, x);
            System.arraycopy(trialG, 0, g, 0, n);
            it.setF(lineSearch.value());
        }
        started = true;
        previousStep = t;
        previousGtd = gtd;
        return null;
    }

    private double beta(double[] g) {
        double gg = Vectors.dot(g, g), pp = Vectors.dot(previousG, previousG);
        double gp = Vectors.dot(g, previousG);
        double beta = switch (variant) {
            case FLETCHER_REEVES -> gg / pp;
            case POLAK_RIBIERE -> Math.max(0, (gg - gp) / pp);
            case HESTENES_STIEFEL -> {
                // dᵀ(g − g_prev), with d still the previous direction.
                double dy = Vectors.dot(d, g) - Vectors.dot(d, previousG);
                yield (gg - gp) / dy;
            }
        };
        return Double.isFinite(beta) ? beta : 0;
    }
}
