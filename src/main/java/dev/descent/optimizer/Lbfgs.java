package dev.descent.optimizer;

import dev.descent.linalg.Vectors;
import dev.descent.problem.L1Penalized;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StopReason;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989; Nocedal & Wright 2006, Algorithm 7.4),
 * one {@link #step} being one inner iteration of torch 1.13's {@code torch.optim.LBFGS}, so a run
 * follows torch's iterates: the very first direction is −g with step min(1, 1/‖g‖₁)·η; a pair
 * (y, s) enters the history only when yᵀs > 1e-10, and then sets the initial inverse Hessian to
 * yᵀs/yᵀy; the step starts at η (the scheduled rate) and is accepted as is or refined by
 * {@link StrongWolfe}. torch's outer {@code step()} only groups these iterations (max_iter,
 * max_eval and its tolerances) and re-evaluates at the same point, so it does not change them;
 * grouping and stopping are the run loop's. The one torch break kept here is gᵀd > −1e-9: then
 * there is no usable descent direction and the run halts. History is two rings of arrays.
 *
 * <p>With an l1 term (a {@link L1Penalized} problem with some λⱼ > 0) each step is one of OWL-QN
 * (Andrew &amp; Gao 2007, "Scalable training of L1-regularized log-linear models"): the
 * pseudo-gradient ◇f (the subgradient of least norm) takes the place of g, the direction is kept in
 * the orthant ◇f points away from (components whose sign disagrees with −◇f are set to 0), trial
 * points are projected onto the orthant of x (coordinates crossing zero become exactly 0), and a
 * backtracking search halves the step until f(x⁺) ≤ f(x) + 10⁻⁴·◇fᵀ(x⁺ − x). The curvature pairs
 * use the gradient of the smooth part, ∇s = g − λ·sign(x). After each step the iterate's gradient
 * holds ◇f, which is 0 exactly at a minimizer, so the run's gradient tolerance tests optimality.
 * Coordinates with λⱼ = 0 (intercepts) are neither projected nor restricted.
 */
final class Lbfgs implements Optimizer {
    private final Schedule schedule;
    private final StrongWolfe lineSearch;
    private final double toleranceChange;
    private final int capacity;
    private final double[][] ys, ss;   // history rings, oldest at head
    private final double[] rho, alpha;
    private final double[] d, previousG, y, s, trialG;
    private int head, count;
    private double hDiag = 1, t;
    private long iterations;
    /** OWL-QN: λⱼ per coordinate, the smooth part's gradient, ◇f, the last point and a trial point; null otherwise. */
    private final double[] l1, smooth, pseudo, previousX, trialX;
    /** OWL-QN: halvings of the step before the search gives up. */
    private static final int MAX_HALVINGS = 60;
    /** OWL-QN: sufficient decrease (Armijo) constant. */
    private static final double SUFFICIENT_DECREASE = 1e-4;

    /**
     * @param lineSearch strong Wolfe search when true, the fixed step t·d otherwise
     * @param toleranceChange torch's {@code tolerance_change} (1e-9): the descent test and the
     *     line search's bracket width
     */
    Lbfgs(int n, int history, boolean lineSearch, Schedule schedule, double toleranceChange) {
        this(n, history, lineSearch, schedule, toleranceChange, null);
    }

    /**
     * @param l1 λⱼ ≥ 0 per coordinate of an l1 term (OWL-QN steps, lineSearch ignored), or null
     */
    Lbfgs(int n, int history, boolean lineSearch, Schedule schedule, double toleranceChange, double[] l1) {
        this.l1 = l1;
        this.smooth = l1 == null ? null : new double[n];
        this.pseudo = l1 == null ? null : new double[n];
        this.previousX = l1 == null ? null : new double[n];
        this.trialX = l1 == null ? null : new double[n];
        this.schedule = schedule;
        this.toleranceChange = toleranceChange;
        this.lineSearch = lineSearch ? new StrongWolfe(n, LbfgsSpec.TOLERANCE_CHANGE) : null;
        capacity = history;
        ys = new double[history][n];
        ss = new double[history][n];
        rho = new double[history];
        alpha = new double[history];
        d = new double[n];
        previousG = new double[n];
        y = new double[n];
        s = new double[n];
        trialG = new double[n];
    }

    @Override
    public Halt step(Iterate it, long k) {
        if (l1 != null) return orthantWiseStep(it, k);
        double[] x = it.x(), g = it.g();
        int n = x.length;
        iterations++;
        if (iterations == 1) {
            for (int i = 0; i < n; i++) d[i] = -g[i];
            hDiag = 1;
        } else {
            remember(g);
            direction(g);
        }
        System.arraycopy(g, 0, previousG, 0, n);
        double lr = schedule.at(k - 1);
        t = iterations == 1 ? Math.min(1, 1 / Vectors.norm1(g)) * lr : lr;

        double gtd = Vectors.dot(g, d);
        if (gtd > -toleranceChange) {
            return new Halt(StopReason.FUNCTION_TOLERANCE,
                    "no descent direction: the predicted decrease gᵀd = " + gtd + " is above −" + toleranceChange);
        }
        if (lineSearch != null) {
            t = lineSearch.search(it, x, t, d, it.f(), g, gtd, trialG);
            Vectors.axpy(t, d, x);
            System.arraycopy(trialG, 0, g, 0, n);
            it.setF(lineSearch.value());
        } else {
            Vectors.axpy(t, d, x);
            it.evaluate();
        }
        if (lastStepSize() == 0) {
            return new Halt(StopReason.STEP_TOLERANCE, "the line search found no step that decreases f");
        }
        return null;
    }

    /** max|t·d| of the last step (torch's lack-of-progress measure). */
    double lastStepSize() {
        double m = 0;
        for (double v : d) m = Math.max(m, Math.abs(v * t));
        return m;
    }

    /** Inner iterations taken (torch's {@code state['n_iter']}). */
    long iterations() {
        return iterations;
    }

    /** One OWL-QN step (see the class comment); the iterate's gradient holds ◇f on return. */
    private Halt orthantWiseStep(Iterate it, long k) {
        double[] x = it.x(), g = it.g();
        int n = x.length;
        iterations++;
        if (iterations == 1) {
            for (int i = 0; i < n; i++) smooth[i] = g[i] - l1[i] * Math.signum(x[i]);
            pseudoGradient(x, smooth, pseudo);
            for (int i = 0; i < n; i++) d[i] = -pseudo[i];
            hDiag = 1;
        } else {
            for (int i = 0; i < n; i++) {
                y[i] = smooth[i] - previousG[i];
                s[i] = x[i] - previousX[i];
            }
            push();
            direction(pseudo);
        }
        for (int i = 0; i < n; i++) {
            if (l1[i] > 0 && d[i] * pseudo[i] >= 0) d[i] = 0;
        }
        double gtd = Vectors.dot(pseudo, d);
        if (gtd > -toleranceChange) {
            return new Halt(StopReason.FUNCTION_TOLERANCE,
                    "no descent direction: the predicted decrease ◇fᵀd = " + gtd + " is above −" + toleranceChange);
        }
        double lr = schedule.at(k - 1);
        t = iterations == 1 ? Math.min(1, 1 / Vectors.norm1(pseudo)) * lr : lr;
        System.arraycopy(x, 0, previousX, 0, n);
        System.arraycopy(smooth, 0, previousG, 0, n);
        double f = it.f();
        for (int halving = 0; halving < MAX_HALVINGS; halving++, t *= 0.5) {
            double decrease = 0;
            for (int i = 0; i < n; i++) {
                double xi = x[i] + t * d[i];
                if (l1[i] > 0) {
                    double orthant = x[i] != 0 ? Math.signum(x[i]) : -Math.signum(pseudo[i]);
                    if (xi * orthant <= 0) xi = 0;
                }
                trialX[i] = xi;
                decrease += pseudo[i] * (xi - x[i]);
            }
            if (decrease == 0) break;  // the step no longer moves x
            double trial = it.valueAndGradient(trialX, trialG);
            if (trial <= f + SUFFICIENT_DECREASE * decrease) {
                System.arraycopy(trialX, 0, x, 0, n);
                for (int i = 0; i < n; i++) smooth[i] = trialG[i] - l1[i] * Math.signum(x[i]);
                pseudoGradient(x, smooth, pseudo);
                System.arraycopy(pseudo, 0, g, 0, n);
                it.setF(trial);
                return null;
            }
        }
        return new Halt(StopReason.STEP_TOLERANCE, "the line search found no step that decreases f");
    }

    /**
     * ◇f: ∇s + λ·sign(x) where xⱼ ≠ 0; at xⱼ = 0 the one-sided derivative that descends,
     * ∇sⱼ + λⱼ if that is negative, ∇sⱼ − λⱼ if that is positive, else 0.
     */
    private void pseudoGradient(double[] x, double[] gradient, double[] out) {
        for (int i = 0; i < x.length; i++) {
            double lambda = l1[i], gi = gradient[i];
            if (x[i] != 0) {
                out[i] = gi + lambda * Math.signum(x[i]);
            } else if (gi + lambda < 0) {
                out[i] = gi + lambda;
            } else if (gi - lambda > 0) {
                out[i] = gi - lambda;
            } else {
                out[i] = 0;
            }
        }
    }

    // Adds (y, s) = (g − g_prev, t·d) to the history when the curvature yᵀs is safely positive.
    private void remember(double[] g) {
        for (int i = 0; i < g.length; i++) {
            y[i] = g[i] - previousG[i];
            s[i] = d[i] * t;
        }
        push();
    }

    // Adds (y, s) as they stand to the history when the curvature yᵀs is safely positive.
    private void push() {
        double curvature = Vectors.dot(y, s);
        if (curvature <= 1e-10) return;
        int slot = (head + count) % capacity;
        if (count == capacity) {
            head = (head + 1) % capacity;
        } else {
            count++;
        }
        System.arraycopy(y, 0, ys[slot], 0, y.length);
        System.arraycopy(s, 0, ss[slot], 0, s.length);
        rho[slot] = 1 / curvature;
        hDiag = curvature / Vectors.dot(y, y);
    }

    // Two-loop recursion (Nocedal & Wright Algorithm 7.4) from q = −g, initial inverse Hessian hDiag·I.
    private void direction(double[] g) {
        for (int i = 0; i < g.length; i++) d[i] = -g[i];
        for (int j = count - 1; j >= 0; j--) {
            int slot = (head + j) % capacity;
            alpha[slot] = Vectors.dot(ss[slot], d) * rho[slot];
            Vectors.axpy(-alpha[slot], ys[slot], d);
        }
        Vectors.scale(hDiag, d);
        for (int j = 0; j < count; j++) {
            int slot = (head + j) % capacity;
            double beta = Vectors.dot(ys[slot], d) * rho[slot];
            Vectors.axpy(alpha[slot] - beta, ss[slot], d);
        }
    }
}
