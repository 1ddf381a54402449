package dev.descent.optimizer;

import dev.descent.stopping.StopReason;

/**
 * The Nelder–Mead simplex method as Lagarias, Reeds, Wright & Wright 1998 state it and SciPy's
 * {@code _minimize_neldermead} implements it: reflection ρ, expansion χ, contraction γ (outside
 * when the reflected point beats the worst vertex, else inside) and shrink σ; the initial simplex
 * is x₀ plus, per coordinate, x₀ⱼ·(1 + initialStep), or initialStepAbsolute where x₀ⱼ = 0.
 * One {@link #step} is one simplex iteration; the first also builds the simplex (n evaluations).
 * Vertices are kept sorted by f, ties in their previous order.
 *
 * <p>The iterate reports the best vertex. Its gradient is evaluated (with f, counted) only when
 * the best vertex changes, since the run reports ‖∇f‖; a job's evaluation count therefore exceeds
 * the method's own by the number of iterations that improved the best point. Halts when the
 * simplex has collapsed: every vertex within 1e-14·max(1, ‖best‖∞) of the best and every f within
 * 1e-14·max(1, |f_best|), past which no move can change anything. Memory: (n + 1)·n + 3n doubles.
 */
final class NelderMead implements Optimizer {
    static final double COLLAPSE = 1e-14;

    private final int n;
    private final double rho, chi, gamma, sigma, initialStep, initialStepAbsolute;
    private final double[][] simplex;
    private final double[] values, centroid, reflected, other;
    private final int[] order;   // vertex indices, best first
    private boolean built;

    NelderMead(int n, boolean adaptive, double initialStep, double initialStepAbsolute) {
        this.n = n;
        this.initialStep = initialStep;
        this.initialStepAbsolute = initialStepAbsolute;
        // Gao & Han 2012, Implementing the Nelder-Mead simplex algorithm with adaptive parameters.
        rho = 1;
        chi = adaptive ? 1 + 2.0 / n : 2;
        gamma = adaptive ? 0.75 - 1 / (2.0 * n) : 0.5;
        sigma = adaptive ? 1 - 1.0 / n : 0.5;
        simplex = new double[n + 1][n];
        values = new double[n + 1];
        centroid = new double[n];
        reflected = new double[n];
        other = new double[n];
        order = new int[n + 1];
    }

    @Override
    public Halt step(Iterate it, long k) {
        if (!built) build(it);
        int best = order[0], worst = order[n], secondWorst = order[n - 1];
        double[] w = simplex[worst];
        for (int j = 0; j < n; j++) centroid[j] = 0;
        for (int i = 0; i < n; i++) {
            double[] v = simplex[order[i]];
            for (int j = 0; j < n; j++) centroid[j] += v[j];
        }
        for (int j = 0; j < n; j++) centroid[j] /= n;

        point(1 + rho, -rho, w, reflected);
        double fr = it.value(reflected);
        if (fr < values[best]) {
            point(1 + rho * chi, -rho * chi, w, other);
            double fe = it.value(other);
            if (fe < fr) replace(worst, other, fe);
            else replace(worst, reflected, fr);
        } else if (fr < values[secondWorst]) {
            replace(worst, reflected, fr);
        } else {
            boolean shrink;
            if (fr < values[worst]) {
                point(1 + gamma * rho, -gamma * rho, w, other);
                double fc = it.value(other);
                shrink = !(fc <= fr);
                if (!shrink) replace(worst, other, fc);
            } else {
                point(1 - gamma, gamma, w, other);
                double fcc = it.value(other);
                shrink = !(fcc < values[worst]);
                if (!shrink) replace(worst, other, fcc);
            }
            if (shrink) {
                double[] b = simplex[best];
                for (int i = 1; i <= n; i++) {
                    double[] v = simplex[order[i]];
                    for (int j = 0; j < n; j++) v[j] = b[j] + sigma * (v[j] - b[j]);
                    values[order[i]] = it.value(v);
                }
            }
        }
        sort();
        if (order[0] != best || values[order[0]] < it.f()) report(it);
        return collapsed() ? new Halt(StopReason.STEP_TOLERANCE, "the simplex has collapsed to a point") : null;
    }

    private void build(Iterate it) {
        double[] x0 = it.x();
        System.arraycopy(x0, 0, simplex[0], 0, n);
        values[0] = it.f();
        for (int i = 1; i <= n; i++) {
            double[] v = simplex[i];
            System.arraycopy(x0, 0, v, 0, n);
            int j = i - 1;
            v[j] = v[j] != 0 ? (1 + initialStep) * v[j] : initialStepAbsolute;
            values[i] = it.value(v);
        }
        for (int i = 0; i <= n; i++) order[i] = i;
        sort();
        built = true;
        if (order[0] != 0) report(it);
    }

    // out ← a·centroid + b·w.
    private void point(double a, double b, double[] w, double[] out) {
        for (int j = 0; j < n; j++) out[j] = a * centroid[j] + b * w[j];
    }

    private void replace(int vertex, double[] point, double f) {
        System.arraycopy(point, 0, simplex[vertex], 0, n);
        values[vertex] = f;
    }

    // Stable insertion sort of the vertex order by f (NaN last).
    private void sort() {
        for (int i = 1; i <= n; i++) {
            int v = order[i], j = i - 1;
            while (j >= 0 && before(v, order[j])) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
    }

    private boolean before(int a, int b) {
        double fa = values[a], fb = values[b];
        return fa < fb || (Double.isNaN(fb) && !Double.isNaN(fa));
    }

    private void report(Iterate it) {
        System.arraycopy(simplex[order[0]], 0, it.x(), 0, n);
        it.evaluate();
    }

    private boolean collapsed() {
        double[] b = simplex[order[0]];
        double fb = values[order[0]], size = 1;
        for (double v : b) size = Math.max(size, Math.abs(v));
        for (int i = 1; i <= n; i++) {
            double[] v = simplex[order[i]];
            if (!(Math.abs(values[order[i]] - fb) <= COLLAPSE * Math.max(1, Math.abs(fb)))) return false;
            for (int j = 0; j < n; j++) if (!(Math.abs(v[j] - b[j]) <= COLLAPSE * size)) return false;
        }
        return true;
    }
}
