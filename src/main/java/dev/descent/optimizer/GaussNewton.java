package dev.descent.optimizer;

import dev.descent.linalg.PivotedQr;
import dev.descent.linalg.Vectors;
import dev.descent.problem.LeastSquaresProblem;
import dev.descent.problem.RobustLoss;
import dev.descent.stopping.StopReason;

/**
 * Gauss-Newton with a backtracking line search (Nocedal &amp; Wright 2006, section 10.3): the step p
 * minimizes ‖J̃p + r̃‖, solved by QR with column pivoting (MINPACK qrfac) rather than the normal
 * equations; columns whose pivot falls below max(m, n)·ε·|R₁₁| are left out (a basic solution of
 * the rank-deficient problem, so a parameter the model does not depend on stays put). The step
 * length halves from 1 until the Armijo condition holds. Robust losses rescale r and J as in
 * {@link LevenbergMarquardt}.
 */
final class GaussNewton implements Optimizer {
    private static final double C1 = 1e-4;
    private static final int MAX_HALVINGS = 60;

    private final LeastSquaresProblem problem;
    private final int m, mPadded, n;
    private final PivotedQr qr;
    private final double[] r, jacobian, rho, rhs, step, trial, trialG, work;

    GaussNewton(LeastSquaresProblem problem) {
        this.problem = problem;
        this.n = problem.dimension();
        this.m = problem.residualCount();
        this.mPadded = Math.max(m, n);
        this.qr = new PivotedQr(mPadded, n);
        this.r = new double[m];
        this.jacobian = new double[m * n];
        this.rho = new double[3];
        this.rhs = new double[mPadded];
        this.step = new double[n];
        this.trial = new double[n];
        this.trialG = new double[n];
        this.work = new double[n];
    }

    @Override
    public Halt step(Iterate it, long t) {
        double[] x = it.x(), g = it.g();
        problem.residuals(x, r);
        problem.jacobian(x, jacobian);
        double[] a = qr.a;
        java.util.Arrays.fill(a, 0.0);
        java.util.Arrays.fill(rhs, 0.0);
        boolean linear = problem.loss() == RobustLoss.LINEAR;
        for (int i = 0; i < m; i++) {
            double js = 1, rs = r[i];
            if (!linear) {
                double z = r[i] * r[i];
                problem.loss().evaluate(z, problem.lossScale(), rho);
                double s = Math.max(rho[1] + 2 * rho[2] * z, Math.ulp(1.0));
                js = Math.sqrt(s);
                rs = rho[1] * r[i] / js;
            }
            rhs[i] = -rs;
            for (int j = 0; j < n; j++) a[j * mPadded + i] = js * jacobian[i * n + j];
        }
        if (!Vectors.allFinite(a)) return new Halt(StopReason.DIVERGED, "the Jacobian is not finite at iteration " + (t - 1));
        qr.factor();
        qr.applyTransposeQ(rhs);
        qr.storeRDiagonal();
        double largest = Math.abs(qr.r(0, 0)), tolerance = largest * mPadded * Math.ulp(1.0);
        int rank = 0;
        while (rank < n && Math.abs(qr.r(rank, rank)) > tolerance) rank++;
        if (rank == 0) return new Halt(StopReason.GRADIENT_TOLERANCE, "the Jacobian is zero: no parameter changes the residuals");
        for (int j = rank - 1; j >= 0; j--) {
            double s = rhs[j];
            for (int k = j + 1; k < rank; k++) s -= qr.r(j, k) * work[k];
            work[j] = s / qr.r(j, j);
        }
        java.util.Arrays.fill(step, 0.0);
        for (int j = 0; j < rank; j++) step[qr.permutation[j]] = work[j];
        double slope = Vectors.dot(g, step);
        if (!(slope < 0)) {
            return new Halt(StopReason.GRADIENT_TOLERANCE, "the Gauss-Newton step is not a descent direction "
                    + "(gᵀp = " + slope + "): the gradient vanishes to working precision");
        }
        double f = it.f(), alpha = 1;
        for (int halvings = 0; halvings <= MAX_HALVINGS; halvings++, alpha /= 2) {
            Vectors.addScaled(x, alpha, step, trial);
            double trialF = it.valueAndGradient(trial, trialG);
            if (trialF <= f + C1 * alpha * slope) {
                double change = Vectors.distanceInf(trial, x);
                System.arraycopy(trial, 0, x, 0, n);
                System.arraycopy(trialG, 0, g, 0, n);
                it.setF(trialF);
                if (change <= Math.ulp(1.0) * Vectors.normInf(x)) {
                    return new Halt(StopReason.STEP_TOLERANCE, "the step no longer changes the parameters in double precision");
                }
                return null;
            }
        }
        return new Halt(StopReason.FUNCTION_TOLERANCE,
                "backtracking found no step with sufficient decrease along the Gauss-Newton direction");
    }
}
