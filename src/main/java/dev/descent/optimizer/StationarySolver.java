package dev.descent.optimizer;

import dev.descent.linalg.Vectors;
import dev.descent.problem.LinearLeastSquaresProblem;
import dev.descent.problem.Problem;
import dev.descent.problem.QuadraticProblem;
import dev.descent.stopping.StopReason;

/**
 * The classical stationary iterations, one sweep per step (Saad, Iterative Methods for Sparse Linear
 * Systems, 2nd ed., section 4.1): Jacobi x ← x + D⁻¹(b − Ax) and Gauss-Seidel, which uses each new
 * coordinate at once. Jacobi converges when A is strictly diagonally dominant (or, for symmetric A,
 * when 2D − A is positive definite too); Gauss-Seidel for every symmetric positive definite A. On
 * linear least squares they run on the normal equations without forming them: Gauss-Seidel is then
 * exact coordinate descent on ½‖Ax − b‖² + ½λ‖x‖², Jacobi its simultaneous version. A run whose
 * residual grows instead ends DIVERGED and says whether A is diagonally dominant.
 */
final class StationarySolver implements Optimizer {
    /** Sweeps after which a residual still above its start counts as not converging. */
    static final int GRACE_SWEEPS = 50;

    private final String name;
    private final boolean seidel;
    private final double tolerance;
    private final Problem problem;
    private final int n;
    private final double[] diagonal, b, residual;
    private final double[] design;
    private final int rows;
    private final double ridge;
    private double initialNorm = -1;

    StationarySolver(String name, boolean seidel, Problem problem, double tolerance) {
        this.name = name;
        this.seidel = seidel;
        this.tolerance = tolerance;
        this.problem = problem;
        this.n = problem.dimension();
        this.diagonal = new double[n];
        if (problem instanceof LinearLeastSquaresProblem ls) {
            design = ls.design();
            rows = ls.observations().length;
            ridge = ls.ridge();
            b = ls.observations();
            for (int i = 0; i < rows; i++) for (int j = 0; j < n; j++) diagonal[j] += design[i * n + j] * design[i * n + j];
            for (int j = 0; j < n; j++) diagonal[j] += ridge;
        } else {
            design = null;
            rows = 0;
            ridge = 0;
            b = new double[n];
            ((QuadraticProblem) problem).linearTerm(b);
            ((QuadraticProblem) problem).diagonal(diagonal);
        }
        residual = new double[rows];
        for (int j = 0; j < n; j++) {
            if (!(diagonal[j] > 0) && (design != null || diagonal[j] == 0)) {
                throw new UnsuitableProblemException(name + " divides by the diagonal of "
                        + (design != null ? "AᵀA + λI" : "A") + ", and entry " + j + " is " + diagonal[j]
                        + (design != null ? " (column " + j + " of A is zero)" : ""));
            }
        }
    }

    @Override
    public Halt step(Iterate it, long t) {
        double[] x = it.x(), g = it.g();
        if (initialNorm < 0) initialNorm = Vectors.norm2(g);
        if (!seidel) {
            for (int j = 0; j < n; j++) x[j] -= g[j] / diagonal[j];
        } else if (design == null) {
            QuadraticProblem q = (QuadraticProblem) problem;
            for (int i = 0; i < n; i++) x[i] += (b[i] - q.rowTimes(i, x)) / diagonal[i];
        } else {
            for (int i = 0; i < rows; i++) {
                double s = b[i];
                for (int j = 0; j < n; j++) s -= design[i * n + j] * x[j];
                residual[i] = s;
            }
            for (int j = 0; j < n; j++) {
                double s = -ridge * x[j];
                for (int i = 0; i < rows; i++) s += design[i * n + j] * residual[i];
                double delta = s / diagonal[j];
                x[j] += delta;
                for (int i = 0; i < rows; i++) residual[i] -= delta * design[i * n + j];
            }
        }
        it.evaluate();
        double norm = Vectors.norm2(g);
        if (norm <= tolerance * initialNorm) {
            return new Halt(StopReason.GRADIENT_TOLERANCE, "the residual fell below tolerance (" + tolerance
                    + ") times its initial value");
        }
        if (!Double.isFinite(norm) || norm > 1e3 * initialNorm || (t >= GRACE_SWEEPS && norm >= initialNorm)) {
            return new Halt(StopReason.DIVERGED, name + " is not converging: the residual grew from " + initialNorm
                    + " to " + norm + " in " + t + " sweeps; " + dominance());
        }
        return null;
    }

    private String dominance() {
        if (design != null) return "the normal equations are not diagonally dominant; use gauss-seidel, linear-cg or qr";
        if (n > 2000) return "the matrix is probably not diagonally dominant";
        double[] a = new double[n * n];
        problem.hessian(new double[n], a);
        for (int i = 0; i < n; i++) {
            double off = 0;
            for (int j = 0; j < n; j++) if (j != i) off += Math.abs(a[i * n + j]);
            if (Math.abs(a[i * n + i]) <= off) {
                return "A is not strictly diagonally dominant (row " + i + ": |a_ii| = " + Math.abs(a[i * n + i])
                        + " ≤ Σ|a_ij| = " + off + ")" + (seidel ? " nor positive definite" : "")
                        + "; use " + (seidel ? "lu or svd" : "gauss-seidel, linear-cg or cholesky");
            }
        }
        return "A is diagonally dominant, yet the iteration grew";
    }
}
