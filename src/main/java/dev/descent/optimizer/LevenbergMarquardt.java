package dev.descent.optimizer;

import dev.descent.linalg.PivotedQr;
import dev.descent.problem.LeastSquaresProblem;
import dev.descent.stopping.StopReason;

/**
 * Levenberg-Marquardt as Moré's trust-region method (J. J. Moré, "The Levenberg-Marquardt
 * algorithm: implementation and theory", Lecture Notes in Mathematics 630, 1978), a port of
 * MINPACK's lmder and lmpar: each step factors J·P = Q·R with column pivoting, finds the
 * Levenberg-Marquardt parameter λ for which the scaled step ‖D·p‖ fits the trust radius Δ by
 * Moré's safeguarded Newton iteration (at most 10 damped solves by Givens rotations, never the
 * normal equations), and updates Δ from the ratio of actual to predicted reduction. {@code step}
 * is one outer iteration of lmder: one Jacobian, then trial points until one reduces the sum of
 * squares or a convergence test holds. D is the running maximum of J's column norms (Marquardt
 * scaling, MINPACK mode 1) or the identity (Levenberg).
 *
 * <p>Robust losses (ρ ≠ identity): residuals and Jacobian are rescaled before each step as in
 * scipy.optimize.least_squares and Triggs et al. 2000 (section 4.3): with z = r²,
 * J̃ = √(ρ' + 2ρ''z)·J and r̃ = ρ'·r/√(ρ' + 2ρ''z), so that J̃ᵀr̃ is the gradient and J̃ᵀJ̃ a
 * Gauss-Newton model of Σρ. The "norm" in the reduction ratios is then √(Σρ).
 */
final class LevenbergMarquardt implements Optimizer {
    private static final double EPS = Math.ulp(1.0);
    private static final double DWARF = Double.MIN_NORMAL;

    private final LeastSquaresProblem problem;
    private final boolean marquardt;
    private final double ftol, xtol, gtol, factor;
    private final int m, mPadded, n;
    private final PivotedQr qr;
    private final double[] r, jacobian, rho, diag, qtf, wa1, wa2, wa3, wa4, sDiagonal, lmA, lmB, solveWork;
    private boolean initialized, succeeded;
    private double delta, xnorm, par;

    LevenbergMarquardt(LeastSquaresProblem problem, boolean marquardt, double ftol, double xtol, double gtol,
                       double factor) {
        this.problem = problem;
        this.marquardt = marquardt;
        this.ftol = ftol;
        this.xtol = xtol;
        this.gtol = gtol;
        this.factor = factor;
        this.n = problem.dimension();
        this.m = problem.residualCount();
        this.mPadded = Math.max(m, n);   // zero rows change nothing and give MINPACK its m ≥ n
        this.qr = new PivotedQr(mPadded, n);
        this.r = new double[m];
        this.jacobian = new double[m * n];
        this.rho = new double[3];
        this.diag = new double[n];
        this.qtf = new double[n];
        this.wa1 = new double[n];
        this.wa2 = new double[n];
        this.wa3 = new double[n];
        this.wa4 = new double[mPadded];
        this.sDiagonal = new double[n];
        this.lmA = new double[n];
        this.lmB = new double[n];
        this.solveWork = new double[n];
    }

    @Override
    public Halt step(Iterate it, long t) {
        double[] x = it.x();
        problem.residuals(x, r);
        problem.jacobian(x, jacobian);
        if (!finite(jacobian)) return new Halt(StopReason.DIVERGED, "the Jacobian is not finite at iteration " + (t - 1));
        double fnorm = Math.sqrt(2 * it.f());        // √Σρ(rᵢ²); ‖r‖ for plain least squares
        double[] a = qr.a;
        java.util.Arrays.fill(wa4, 0.0);
        scaleForLoss(a);                             // J̃ column-major into the factor's matrix, r̃ into wa4
        double scaledNorm = PivotedQr.norm(wa4, mPadded);
        qr.factor();
        double[] acnorm = qr.columnNorms;
        if (!initialized) {
            initialized = true;
            for (int j = 0; j < n; j++) diag[j] = !marquardt || acnorm[j] == 0 ? 1 : acnorm[j];
            for (int j = 0; j < n; j++) wa3[j] = diag[j] * x[j];
            xnorm = PivotedQr.norm(wa3, n);
            delta = factor * xnorm;
            if (delta == 0) delta = factor;
        }
        qr.applyTransposeQ(wa4);
        qr.storeRDiagonal();
        System.arraycopy(wa4, 0, qtf, 0, n);

        // The cosine of the largest angle between r̃ and a column of J̃.
        double gnorm = 0;
        if (scaledNorm != 0) {
            for (int j = 0; j < n; j++) {
                int l = qr.permutation[j];
                if (acnorm[l] != 0) {
                    double sum = 0;
                    for (int i = 0; i <= j; i++) sum += a[j * mPadded + i] * (qtf[i] / scaledNorm);
                    gnorm = Math.max(gnorm, Math.abs(sum / acnorm[l]));
                }
            }
        }
        if (gnorm <= gtol) {
            return new Halt(StopReason.GRADIENT_TOLERANCE, scaledNorm == 0
                    ? "the residuals are zero"
                    : "the residuals are orthogonal to the Jacobian's columns to within gradientTolerance ("
                            + gtol + "): cosine " + gnorm);
        }
        if (marquardt) for (int j = 0; j < n; j++) diag[j] = Math.max(diag[j], acnorm[j]);

        while (true) {
            par = levenbergMarquardtParameter(par, wa1);
            for (int j = 0; j < n; j++) {
                wa1[j] = -wa1[j];
                wa2[j] = x[j] + wa1[j];
                wa3[j] = diag[j] * wa1[j];
            }
            double pnorm = PivotedQr.norm(wa3, n);
            if (!succeeded) delta = Math.min(delta, pnorm);
            double trialF = it.value(wa2);
            double fnorm1 = Double.isFinite(trialF) ? Math.sqrt(2 * trialF) : Double.POSITIVE_INFINITY;
            double actred = 0.1 * fnorm1 < fnorm ? 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1;

            for (int j = 0; j < n; j++) {
                wa3[j] = 0;
                double temp = wa1[qr.permutation[j]];
                for (int i = 0; i <= j; i++) wa3[i] += a[j * mPadded + i] * temp;
            }
            double temp1 = PivotedQr.norm(wa3, n) / fnorm;
            double temp2 = Math.sqrt(par) * pnorm / fnorm;
            double prered = temp1 * temp1 + temp2 * temp2 / 0.5;
            double dirder = -(temp1 * temp1 + temp2 * temp2);
            double ratio = prered != 0 ? actred / prered : 0;

            if (ratio <= 0.25) {
                double temp = actred >= 0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred);
                if (0.1 * fnorm1 >= fnorm || temp < 0.1) temp = 0.1;
                delta = temp * Math.min(delta, pnorm / 0.1);
                par /= temp;
            } else if (par == 0 || ratio >= 0.75) {
                delta = pnorm / 0.5;
                par *= 0.5;
            }
            boolean success = ratio >= 1e-4;
            if (success) {
                System.arraycopy(wa2, 0, x, 0, n);
                it.setF(it.valueAndGradient(x, it.g()));
                for (int j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
                xnorm = PivotedQr.norm(wa2, n);
                fnorm = fnorm1;
                succeeded = true;
            }

            boolean fconv = Math.abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1;
            boolean xconv = delta <= xtol * xnorm;
            if (fconv && xconv) return new Halt(StopReason.FUNCTION_TOLERANCE,
                    "the relative reduction of the sum of squares is at most functionTolerance (" + ftol
                            + ") and the relative change of the parameters at most stepTolerance (" + xtol + ")");
            if (fconv) return new Halt(StopReason.FUNCTION_TOLERANCE,
                    "both the actual and the predicted relative reduction of the sum of squares are at most "
                            + "functionTolerance (" + ftol + ")");
            if (xconv) return new Halt(StopReason.STEP_TOLERANCE,
                    "the trust region, relative to the scaled parameters, is at most stepTolerance (" + xtol + ")");
            if (Math.abs(actred) <= EPS && prered <= EPS && 0.5 * ratio <= 1) return new Halt(StopReason.FUNCTION_TOLERANCE,
                    "no further reduction of the sum of squares is possible in double precision");
            if (delta <= EPS * xnorm) return new Halt(StopReason.STEP_TOLERANCE,
                    "no further improvement of the parameters is possible in double precision");
            if (gnorm <= EPS) return new Halt(StopReason.GRADIENT_TOLERANCE,
                    "the residuals are orthogonal to the Jacobian's columns in double precision");
            if (success) return null;
        }
    }

    /**
     * Writes J̃ column-major into {@code a} (zero rows below m) and r̃ into {@link #wa4}: the plain
     * residuals and Jacobian for the linear loss, else the rescaled ones of the class comment.
     */
    private void scaleForLoss(double[] a) {
        boolean linear = problem.loss() == dev.descent.problem.RobustLoss.LINEAR;
        java.util.Arrays.fill(a, 0.0);
        for (int i = 0; i < m; i++) {
            double js = 1, rs = r[i];
            if (!linear) {
                double z = r[i] * r[i];
                problem.loss().evaluate(z, problem.lossScale(), rho);
                double s = rho[1] + 2 * rho[2] * z;
                if (s < EPS) s = EPS;
                js = Math.sqrt(s);
                rs = rho[1] * r[i] / js;
            }
            wa4[i] = rs;
            int o = i * n;
            for (int j = 0; j < n; j++) a[j * mPadded + i] = js * jacobian[o + j];
        }
    }

    /**
     * MINPACK lmpar: the λ ≥ 0 for which the solution p of min ‖J̃p + r̃‖² + λ‖Dp‖² has ‖Dp‖ within
     * 10% of Δ (or λ = 0 when the Gauss-Newton step already fits), starting from {@code parIn}.
     * Writes p (the step that is subtracted) into {@code x}.
     */
    private double levenbergMarquardtParameter(double parIn, double[] x) {
        double[] rr = qr.a, wa1 = lmA, wa2 = lmB;
        int ld = mPadded;
        int[] ipvt = qr.permutation;
        double p1 = 0.1, p001 = 0.001;
        int nsing = n;
        for (int j = 0; j < n; j++) {
            wa1[j] = qtf[j];
            if (rr[j * ld + j] == 0 && nsing == n) nsing = j;
            if (nsing < n) wa1[j] = 0;
        }
        for (int j = nsing - 1; j >= 0; j--) {
            wa1[j] /= rr[j * ld + j];
            double temp = wa1[j];
            for (int i = 0; i < j; i++) wa1[i] -= rr[j * ld + i] * temp;
        }
        for (int j = 0; j < n; j++) x[ipvt[j]] = wa1[j];

        int iter = 0;
        for (int j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
        double dxnorm = PivotedQr.norm(wa2, n);
        double fp = dxnorm - delta;
        if (fp <= p1 * delta) return 0;

        double parl = 0;
        if (nsing >= n) {
            for (int j = 0; j < n; j++) {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < j; i++) sum += rr[j * ld + i] * wa1[i];
                wa1[j] = (wa1[j] - sum) / rr[j * ld + j];
            }
            double temp = PivotedQr.norm(wa1, n);
            parl = ((fp / delta) / temp) / temp;
        }
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i <= j; i++) sum += rr[j * ld + i] * qtf[i];
            wa1[j] = sum / diag[ipvt[j]];
        }
        double gnorm = PivotedQr.norm(wa1, n);
        double paru = gnorm / delta;
        if (paru == 0) paru = DWARF / Math.min(delta, p1);
        double par = Math.max(parIn, parl);
        par = Math.min(par, paru);
        if (par == 0) par = gnorm / dxnorm;

        while (true) {
            iter++;
            if (par == 0) par = Math.max(DWARF, p001 * paru);
            double temp = Math.sqrt(par);
            for (int j = 0; j < n; j++) wa1[j] = temp * diag[j];
            qr.solveDamped(wa1, qtf, x, sDiagonal, solveWork);
            for (int j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
            dxnorm = PivotedQr.norm(wa2, n);
            temp = fp;
            fp = dxnorm - delta;
            if (Math.abs(fp) <= p1 * delta || (parl == 0 && fp <= temp && temp < 0) || iter == 10) break;
            for (int j = 0; j < n; j++) {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++) {
                wa1[j] /= sDiagonal[j];
                double t = wa1[j];
                for (int i = j + 1; i < n; i++) wa1[i] -= rr[j * ld + i] * t;
            }
            temp = PivotedQr.norm(wa1, n);
            double parc = ((fp / delta) / temp) / temp;
            if (fp > 0) parl = Math.max(parl, par);
            if (fp < 0) paru = Math.min(paru, par);
            par = Math.max(parl, par + parc);
        }
        return par;
    }

    private static boolean finite(double[] values) {
        for (double v : values) if (!Double.isFinite(v)) return false;
        return true;
    }
}
