package dev.descent.optimizer;

import dev.descent.linalg.Vectors;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StopReason;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Newton's method with a modified Hessian and backtracking, Nocedal & Wright 2006, Algorithm 3.2
 * with 3.3 (Cholesky with added multiple of the identity): d solves (H + (damping + τ)I)·d = −g,
 * where τ = 0 if that is positive definite, else τ starts at max(1e-3·max|Hᵢᵢ|, 1e-8) and grows
 * tenfold until the Cholesky factorization succeeds, so d is always a descent direction. The step
 * starts at the scheduled rate and halves until the Armijo condition f(x + αd) ≤ f + 1e-4·α·gᵀd
 * holds (Algorithm 3.1). The Hessian, its factor and every vector are made once per run.
 */
final class Newton implements Optimizer {
    private static final double C1 = 1e-4;
    private static final int MAX_SHIFTS = 100, MAX_HALVINGS = 60;

    private final Schedule schedule;
    private final double damping;
    private final int n;
    // Work arrays only (Newton keeps nothing from one step to the next): left out of checkpoints,
    // which would otherwise carry three n×n matrices, and made again on first use.
    private transient double[] hessian, d, trialX, trialG;
    private transient DMatrixRMaj shifted, factor;
    private transient CholeskyDecomposition_F64<DMatrixRMaj> cholesky;

    Newton(int n, double damping, Schedule schedule) {
        this.n = n;
        this.damping = damping;
        this.schedule = schedule;
        workspace();
    }

    private void workspace() {
        if (hessian != null) return;
        hessian = new double[n * n];
        d = new double[n];
        trialX = new double[n];
        trialG = new double[n];
        shifted = new DMatrixRMaj(n, n);
        factor = new DMatrixRMaj(n, n);
        cholesky = DecompositionFactory_DDRM.chol(n, true);
    }

    @Override
    public Halt step(Iterate it, long k) {
        workspace();
        double[] x = it.x(), g = it.g();
        it.hessian(x, hessian);
        if (!Vectors.allFinite(hessian)) {
            return new Halt(StopReason.DIVERGED, "the Hessian is not finite at iteration " + (k - 1));
        }
        if (!factorShifted()) {
            return new Halt(StopReason.DIVERGED, "no shift τ made the Hessian positive definite");
        }
        solve(g);
        double gtd = Vectors.dot(g, d);
        if (!(gtd < 0)) {
            return new Halt(StopReason.FUNCTION_TOLERANCE, "no descent direction: gᵀd = " + gtd);
        }
        double f = it.f(), alpha = schedule.at(k - 1);
        for (int halvings = 0; halvings <= MAX_HALVINGS; halvings++, alpha /= 2) {
            Vectors.addScaled(x, alpha, d, trialX);
            double trialF = it.valueAndGradient(trialX, trialG);
            if (trialF <= f + C1 * alpha * gtd) {
                System.arraycopy(trialX, 0, x, 0, n);
                System.arraycopy(trialG, 0, g, 0, n);
                it.setF(trialF);
                return null;
            }
        }
        return new Halt(StopReason.STEP_TOLERANCE,
                "backtracking found no step with sufficient decrease along the Newton direction");
    }

    // Algorithm 3.3: the smallest tried shift whose Cholesky factorization exists.
    private boolean factorShifted() {
        double maxDiagonal = 0;
        for (int i = 0; i < n; i++) maxDiagonal = Math.max(maxDiagonal, Math.abs(hessian[i * n + i]));
        double tau = 0;
        for (int attempt = 0; attempt < MAX_SHIFTS; attempt++) {
            System.arraycopy(hessian, 0, shifted.data, 0, n * n);
            for (int i = 0; i < n; i++) shifted.data[i * n + i] += damping + tau;
            if (cholesky.decompose(shifted)) {
                cholesky.getT(factor);
                return true;
            }
            tau = tau == 0 ? Math.max(1e-3 * maxDiagonal, 1e-8) : 10 * tau;
        }
        return false;
    }

    // d ← −(L·Lᵀ)⁻¹·g by forward then back substitution on the lower factor.
    private void solve(double[] g) {
        double[] l = factor.data;
        for (int i = 0; i < n; i++) {
            double sum = -g[i];
            for (int j = 0; j < i; j++) sum -= l[i * n + j] * d[j];
            d[i] = sum / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = d[i];
            for (int j = i + 1; j < n; j++) sum -= l[j * n + i] * d[j];
            d[i] = sum / l[i * n + i];
        }
    }
}
