package dev.descent.optimizer;

import dev.descent.linalg.Vectors;
import dev.descent.problem.LinearLeastSquaresProblem;
import dev.descent.problem.QuadraticProblem;
import dev.descent.stopping.StopReason;
import java.util.Arrays;

/**
 * Conjugate gradients, one iteration per step, optionally with the Jacobi (diagonal) preconditioner.
 * On a quadratic it is CG on Ax = b (Hestenes &amp; Stiefel 1952; Saad, Iterative Methods for Sparse
 * Linear Systems, 2nd ed., Algorithms 6.18 and 9.1), with A·p from the problem's exact Hessian-vector
 * product. On linear least squares it is CGLS (ibid., section 8.3.2; Björck 1996, section 7.4): CG
 * on (AᵀA + λI)x = Aᵀb whose curvature pᵀ(AᵀA + λI)p is computed as ‖Ap‖² + λ‖p‖², never forming AᵀA;
 * its diagonal preconditioner is the squared column norms plus λ. The residual is the negated
 * gradient the iterate holds. On least squares it is recomputed at every point. On a quadratic it is
 * updated by the recurrence r ← r − α·Ap from the product CG needs anyway, with f moved by
 * α·gᵀp + ½α²·pᵀAp, so an iteration costs one product with A, as in Saad's Algorithm 6.18 and
 * scipy's cg, not two; every {@value #RESIDUAL_REPLACEMENT} iterations, and before the residual
 * test may end the run, the true residual b − Ax replaces the recurred one (residual replacement,
 * van der Vorst &amp; Ye 2000), so rounding cannot let the two drift apart unseen and this solver
 * halts on the true residual with f and ∇f evaluated at the final point. Between replacements the
 * run loop's own tests (gradientTolerance, the recorded gradient norm) see the recurred residual,
 * which differs from b − Ax by the rounding of at most that many updates.
 */
final class KrylovSolver implements Optimizer {
    /** Iterations between true residuals on a quadratic. */
    static final int RESIDUAL_REPLACEMENT = 50;

    private final String name;
    private final double tolerance;
    private final int n;
    private final double[] inverseDiagonal, z, p, ap;
    private final double[] design;
    private final int rows;
    private final double ridge;
    private double rz, initialNorm = -1;
    private int sinceEvaluation;

    KrylovSolver(String name, dev.descent.problem.Problem problem, boolean preconditioned, double tolerance) {
        this.name = name;
        this.tolerance = tolerance;
        this.n = problem.dimension();
        this.z = new double[n];
        this.p = new double[n];
        this.ap = new double[n];
        this.inverseDiagonal = new double[n];
        if (problem instanceof LinearLeastSquaresProblem ls) {
            design = ls.design();
            rows = ls.observations().length;
            ridge = ls.ridge();
            for (int i = 0; i < rows; i++) for (int j = 0; j < n; j++) inverseDiagonal[j] += design[i * n + j] * design[i * n + j];
            for (int j = 0; j < n; j++) inverseDiagonal[j] += ridge;
        } else {
            design = null;
            rows = 0;
            ridge = 0;
            ((QuadraticProblem) problem).diagonal(inverseDiagonal);
        }
        for (int j = 0; j < n; j++) {
            double d = inverseDiagonal[j];
            if (preconditioned && !(d > 0)) {
                throw new UnsuitableProblemException(name + ": the Jacobi preconditioner needs a positive diagonal; entry "
                        + j + " is " + d + (design != null ? " (column " + j + " of A is zero)" : ""));
            }
            inverseDiagonal[j] = preconditioned ? 1 / d : 1;
        }
    }

    @Override
    public Halt step(Iterate it, long t) {
        double[] x = it.x(), g = it.g();
        if (initialNorm < 0) {
            initialNorm = Vectors.norm2(g);
            for (int j = 0; j < n; j++) {
                z[j] = -g[j] * inverseDiagonal[j];
                p[j] = z[j];
            }
            rz = -Vectors.dot(g, z);
        }
        double curvature = curvature(it, x);
        if (!(curvature > 0)) {
            if (curvature == 0 && Vectors.norm2(p) == 0) return new Halt(StopReason.GRADIENT_TOLERANCE, "the residual is zero");
            throw new UnsuitableProblemException(name + ": the matrix is not positive definite (pᵀAp = " + curvature
                    + " along a search direction); conjugate gradients need a convex quadratic");
        }
        double alpha = rz / curvature;
        boolean exact = design != null || ++sinceEvaluation >= RESIDUAL_REPLACEMENT;
        if (exact) {
            Vectors.axpy(alpha, p, x);
            evaluate(it);
        } else {
            // ap holds A·p: g(x + αp) = g + α·Ap and f(x + αp) = f + α·gᵀp + ½α²·pᵀAp.
            double f = it.f() + alpha * Vectors.dot(g, p) + 0.5 * alpha * alpha * curvature;
            Vectors.axpy(alpha, p, x);
            Vectors.axpy(alpha, ap, g);
            it.setF(f);
        }
        double norm = Vectors.norm2(g);
        if (norm <= tolerance * initialNorm && !exact) {
            evaluate(it);
            norm = Vectors.norm2(g);
        }
        for (int j = 0; j < n; j++) z[j] = -g[j] * inverseDiagonal[j];
        double rzNext = -Vectors.dot(g, z);
        double beta = rzNext / rz;
        rz = rzNext;
        for (int j = 0; j < n; j++) p[j] = z[j] + beta * p[j];
        if (norm <= tolerance * initialNorm) {
            return new Halt(StopReason.GRADIENT_TOLERANCE, "the residual "
                    + (design != null ? "of the normal equations ‖Aᵀ(b − Ax) − λx‖" : "‖b − Ax‖") + " fell below tolerance ("
                    + tolerance + ") times its initial value");
        }
        return null;
    }

    private void evaluate(Iterate it) {
        it.evaluate();
        sinceEvaluation = 0;
    }

    /** pᵀAp for a quadratic, ‖Ap‖² + λ‖p‖² for least squares. */
    private double curvature(Iterate it, double[] x) {
        if (design == null) {
            it.hessianVectorProduct(x, p, ap);
            return Vectors.dot(p, ap);
        }
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double q = 0;
            int o = i * n;
            for (int j = 0; j < n; j++) q += design[o + j] * p[j];
            s += q * q;
        }
        return s + ridge * Vectors.dot(p, p);
    }
}
