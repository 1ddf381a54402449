package dev.descent.optimizer;

import dev.descent.linalg.Vectors;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StopReason;

/**
 * Steepest descent d = −g with a line search (Nocedal & Wright 2006, chapter 3): the first trial
 * step is the scheduled rate and a {@link LineSearch} (Armijo, weak or strong Wolfe) picks the
 * step; or, on a quadratic ½xᵀAx − bᵀx + c, the exact minimiser along −g, α = gᵀg/gᵀAg
 * (N&W eq. 3.25), from one Hessian-vector product and no trial evaluations. Halts when the search
 * finds no acceptable step, or when gᵀAg ≤ 0 (the quadratic is unbounded below along −g).
 */
final class GradientDescentLineSearch implements Optimizer {
    private final Schedule schedule;
    private final LineSearch lineSearch;   // null: exact on a quadratic
    private final double[] d, trialG;
    private double lastStep;

    GradientDescentLineSearch(int n, LineSearch lineSearch, Schedule schedule) {
        this.schedule = schedule;
        this.lineSearch = lineSearch;
        d = new double[n];
        trialG = new double[n];
    }

    @Override
    public Halt step(Iterate it, long k) {
        double[] x = it.x(), g = it.g();
        int n = x.length;
        double gg = Vectors.dot(g, g);
        if (!(gg > 0)) {
            return new Halt(StopReason.FUNCTION_TOLERANCE, "no descent direction: the gradient is zero");
        }
        for (int i = 0; i < n; i++) d[i] = -g[i];
        if (lineSearch == null) {
            // Hessian-vector products are exact and cheap on quadratics; trialG holds A·g here.
            it.hessianVectorProduct(x, g, trialG);
            double curvature = Vectors.dot(g, trialG);
            if (!(curvature > 0)) {
                return new Halt(StopReason.DIVERGED,
                        "the quadratic has curvature gᵀAg = " + curvature + " ≤ 0 along −g, so it is unbounded below");
            }
            lastStep = gg / curvature;
            Vectors.axpy(lastStep, d, x);
            it.evaluate();
            return null;
        }
        double t = lineSearch.search(it, x, schedule.at(k - 1), d, it.f(), g, -gg, trialG);
        lastStep = t;
        if (t == 0) {
            return new Halt(StopReason.STEP_TOLERANCE, "the line search found no acceptable step along −g");
        }
        Vectors.axpy(t, d, x);
        System.arraycopy(trialG, 0, g, 0, n);
        it.setF(lineSearch.value());
        return null;
    }

    /** The step length α of the last step, x_{k} = x_{k−1} − α·g_{k−1}. */
    double lastStep() {
        return lastStep;
    }
}
