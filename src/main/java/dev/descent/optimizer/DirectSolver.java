package dev.descent.optimizer;

import dev.descent.linalg.RefinedLeastSquares;
import dev.descent.stopping.StopReason;
import java.util.Arrays;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A direct linear solver: one step computes the exact minimizer of a quadratic or linear
 * least-squares problem and ends the run as SOLVED. QR and SVD work on A itself with column scaling
 * and refinement ({@link RefinedLeastSquares}); Cholesky on the normal equations AᵀAx = Aᵀb
 * (fast, but it squares the condition number: NIST Filip loses every digit); LU on square systems.
 */
final class DirectSolver implements Optimizer {
    enum Method { QR, SVD, CHOLESKY, LU }

    private final Method method;
    private java.util.Map<String, Object> report = java.util.Map.of();

    DirectSolver(Method method) {
        this.method = method;
    }

    @Override
    public java.util.Map<String, Object> describe() {
        return report;
    }

    @Override
    public Halt step(Iterate it, long t) {
        LinearSystem system = LinearSystem.of(it.problem());
        String note;
        double[] x;
        switch (method) {
            case QR -> {
                RefinedLeastSquares qr = RefinedLeastSquares.qr(system.a(), system.rows(), system.columns());
                if (qr.rank() < system.columns()) {
                    throw new UnsuitableProblemException("qr: the " + (system.leastSquares() ? "design " : "")
                            + "matrix is rank deficient (numerical rank " + (qr.rank() == 0 ? "below " + system.columns() : qr.rank()) + " of " + system.columns()
                            + " columns after scaling them to unit length), so the solution is not unique; "
                            + "use svd, which reports the rank and returns the minimum-norm solution");
                }
                x = qr.solve(system.b());
                note = "solved by Householder QR with column scaling and " + qr.refinements() + " refinement steps";
            }
            case SVD -> {
                RefinedLeastSquares svd = RefinedLeastSquares.svd(system.a(), system.rows(), system.columns());
                x = svd.solve(system.b());
                report = java.util.Map.of("rank", svd.rank(), "singularValues", svd.singularValues());
                note = String.format(Locale.ROOT, "solved by SVD: rank %d of %d%s; singular values of the "
                                + "column-scaled matrix %s", svd.rank(), system.columns(),
                        svd.rank() < system.columns() ? " (rank deficient: the minimum-norm solution in scaled units)" : "",
                        Arrays.toString(svd.singularValues()));
            }
            case CHOLESKY -> {
                LinearSystem normal = system.normal();
                int n = normal.columns();
                CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
                if (!chol.decompose(DMatrixRMaj.wrap(n, n, normal.a().clone()))) {
                    throw new UnsuitableProblemException("cholesky: " + (system.leastSquares()
                            ? "AᵀA is not numerically positive definite (A is rank deficient or too ill-conditioned "
                                    + "for the normal equations); use qr or svd"
                            : "the matrix is not positive definite (the quadratic is not strictly convex); use lu or svd"));
                }
                x = solveLowerFactor(chol.getT(null).data, normal.b(), n);
                note = "solved by Cholesky" + (system.leastSquares() ? " on the normal equations" : "");
            }
            default -> {
                int n = system.columns();
                LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
                if (!lu.setA(DMatrixRMaj.wrap(n, n, system.a().clone())) || !(lu.quality() > n * Math.ulp(1.0))) {
                    throw new UnsuitableProblemException("lu: the matrix is singular to working precision; "
                            + "use svd for a minimum-norm solution");
                }
                DMatrixRMaj solution = new DMatrixRMaj(n, 1);
                lu.solve(DMatrixRMaj.wrap(n, 1, system.b().clone()), solution);
                x = solution.data;
                note = "solved by LU with partial pivoting";
            }
        }
        System.arraycopy(x, 0, it.x(), 0, x.length);
        it.evaluate();
        return new Halt(StopReason.SOLVED, note);
    }

    /** x = (LLᵀ)⁻¹b for a lower-triangular L, row-major n×n. */
    private static double[] solveLowerFactor(double[] l, double[] b, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int j = 0; j < i; j++) s -= l[i * n + j] * x[j];
            x[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int j = i + 1; j < n; j++) s -= l[j * n + i] * x[j];
            x[i] = s / l[i * n + i];
        }
        return x;
    }
}
