package dev.descent.optimizer;

import dev.descent.linalg.Vectors;

/**
 * Line search for the strong Wolfe conditions, Nocedal & Wright 2006, Algorithms 3.5 (bracketing)
 * and 3.6 (zoom), with the details of torch 1.13's {@code _strong_wolfe} so L-BFGS reproduces
 * torch's iterates: c1 = 1e-4, c2 = 0.9, at most 25 trials after the first, cubic interpolation
 * (safeguarded to [t + 0.01(t − t_prev), 10t] while bracketing), the "insufficient progress" rule
 * that moves a trial hugging a bracket end 10% inwards, and a bracket-width stop of
 * {@code toleranceChange} in units of max|d|. Other methods may set their own c1 and c2
 * (conjugate gradients want c2 = 0.1, Nocedal & Wright §5.2). When the trials run out the better
 * of 0 and the last trial is returned, so a step length of 0 means no progress.
 *
 * <p>Trials are evaluated through {@link Iterate#valueAndGradient} so they are counted and
 * cancellable. Work arrays are made once.
 */
final class StrongWolfe implements LineSearch {
    /** torch's sufficient-decrease and curvature constants. */
    static final double C1 = 1e-4, C2 = 0.9;
    private static final int MAX_TRIALS = 25;

    private final double c1, c2;
    private final double toleranceChange;
    private final double[] trialX, gNew, gPrev;
    // The bracket: two ends, each a step length with f, ∇f and the directional derivative there.
    private final double[] bt = new double[2], bf = new double[2], bgtd = new double[2];
    private final double[][] bg;

    private double value;
    private int evaluations;

    StrongWolfe(int n, double toleranceChange) {
        this(n, toleranceChange, C1, C2);
    }

    /**
     * @param c1 the sufficient-decrease constant
     * @param c2 the curvature constant, c1 < c2 < 1
     */
    StrongWolfe(int n, double toleranceChange, double c1, double c2) {
        this.c1 = c1;
        this.c2 = c2;
        this.toleranceChange = toleranceChange;
        trialX = new double[n];
        gNew = new double[n];
        gPrev = new double[n];
        bg = new double[][] {new double[n], new double[n]};
    }

    /** f at the accepted step. */
    @Override
    public double value() {
        return value;
    }

    /** Trials evaluated by the last search. */
    int evaluations() {
        return evaluations;
    }

    /**
     * Searches along d from x (f, g, gtd = gᵀd at x; none of them written) starting at step t.
     * Returns the accepted step length; its gradient is written into {@code gradientOut}.
     */
    @Override
    public double search(Iterate it, double[] x, double t, double[] d, double f, double[] g, double gtd, double[] gradientOut) {
        double dNorm = Vectors.normInf(d);
        evaluations = 0;
        double fNew = evaluate(it, x, t, d, gNew);
        double gtdNew = Vectors.dot(gNew, d);

        double tPrev = 0, fPrev = f, gtdPrev = gtd;
        System.arraycopy(g, 0, gPrev, 0, g.length);
        boolean done = false, single = false;
        int trials = 0;
        while (trials < MAX_TRIALS) {
            if (fNew > f + c1 * t * gtd || (trials > 1 && fNew >= fPrev)) {
                setEnd(0, tPrev, fPrev, gPrev, gtdPrev);
                setEnd(1, t, fNew, gNew, gtdNew);
                break;
            }
            if (Math.abs(gtdNew) <= -c2 * gtd) {
                setEnd(0, t, fNew, gNew, gtdNew);
                single = true;
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                setEnd(0, tPrev, fPrev, gPrev, gtdPrev);
                setEnd(1, t, fNew, gNew, gtdNew);
                break;
            }
            double minStep = t + 0.01 * (t - tPrev), maxStep = t * 10, previous = t;
            t = cubicMinimum(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = previous;
            fPrev = fNew;
            System.arraycopy(gNew, 0, gPrev, 0, gNew.length);
            gtdPrev = gtdNew;
            fNew = evaluate(it, x, t, d, gNew);
            gtdNew = Vectors.dot(gNew, d);
            trials++;
        }
        if (trials == MAX_TRIALS) {
            // Out of trials while still extending: fall back to the better of no step and the last one.
            setEnd(0, 0, f, g, gtd);
            setEnd(1, t, fNew, gNew, gtdNew);
        }

        int low = single || bf[0] <= bf[1] ? 0 : 1, high = 1 - low;
        boolean insufficientProgress = false;
        while (!done && trials < MAX_TRIALS) {
            if (Math.abs(bt[1] - bt[0]) * dNorm < toleranceChange) break;
            t = cubicMinimum(bt[0], bf[0], bgtd[0], bt[1], bf[1], bgtd[1],
                    Math.min(bt[0], bt[1]), Math.max(bt[0], bt[1]));
            double hi = Math.max(bt[0], bt[1]), lo = Math.min(bt[0], bt[1]);
            double margin = 0.1 * (hi - lo);
            if (Math.min(hi - t, t - lo) < margin) {
                // A trial at the edge of the bracket barely shrinks it; after two in a row, move inwards.
                if (insufficientProgress || t >= hi || t <= lo) {
                    t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - margin : lo + margin;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            fNew = evaluate(it, x, t, d, gNew);
            gtdNew = Vectors.dot(gNew, d);
            trials++;

            if (fNew > f + c1 * t * gtd || fNew >= bf[low]) {
                setEnd(high, t, fNew, gNew, gtdNew);
                low = bf[0] <= bf[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -c2 * gtd) {
                    done = true;
                } else if (gtdNew * (bt[high] - bt[low]) >= 0) {
                    setEnd(high, bt[low], bf[low], bg[low], bgtd[low]);
                }
                setEnd(low, t, fNew, gNew, gtdNew);
            }
        }
        value = bf[low];
        System.arraycopy(bg[low], 0, gradientOut, 0, gradientOut.length);
        return bt[low];
    }

    private double evaluate(Iterate it, double[] x, double t, double[] d, double[] gradient) {
        Vectors.addScaled(x, t, d, trialX);
        evaluations++;
        return it.valueAndGradient(trialX, gradient);
    }

    private void setEnd(int i, double t, double f, double[] g, double gtd) {
        bt[i] = t;
        bf[i] = f;
        if (g != bg[i]) System.arraycopy(g, 0, bg[i], 0, g.length);
        bgtd[i] = gtd;
    }

    /**
     * Minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to [lo, hi]; the
     * midpoint of the bounds when the cubic has no minimiser (Nocedal & Wright eq. 3.59).
     */
    static double cubicMinimum(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minimum = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(minimum, lo), hi);
        }
        return (lo + hi) / 2;
    }
}
