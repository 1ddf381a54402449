package dev.descent.problem;

/**
 * ½‖Ax − b‖² + ½λ‖x‖² with its data exposed, so direct and iterative linear solvers can work on A
 * itself (QR, SVD, CGLS) instead of the normal equations. As least squares the residuals are
 * r = Ax − b, followed by √λ·x when λ > 0. The arrays returned are the problem's own: read only.
 */
public interface LinearLeastSquaresProblem extends LeastSquaresProblem {

    /** A, m×n row-major. Not to be written. */
    double[] design();

    /** b (m). Not to be written. */
    double[] observations();

    /** λ ≥ 0. */
    double ridge();

    @Override
    default int residualCount() {
        return observations().length + (ridge() > 0 ? dimension() : 0);
    }

    @Override
    default void residuals(double[] x, double[] residuals) {
        double[] a = design(), b = observations();
        int m = b.length, n = dimension();
        for (int i = 0; i < m; i++) {
            int o = i * n;
            double s = 0;
            for (int j = 0; j < n; j++) s += a[o + j] * x[j];
            residuals[i] = s - b[i];
        }
        if (ridge() > 0) {
            double root = Math.sqrt(ridge());
            for (int j = 0; j < n; j++) residuals[m + j] = root * x[j];
        }
    }

    @Override
    default void jacobian(double[] x, double[] jacobian) {
        double[] a = design();
        int m = observations().length, n = dimension();
        System.arraycopy(a, 0, jacobian, 0, m * n);
        if (ridge() > 0) {
            double root = Math.sqrt(ridge());
            java.util.Arrays.fill(jacobian, m * n, (m + n) * n, 0.0);
            for (int j = 0; j < n; j++) jacobian[(m + j) * n + j] = root;
        }
    }
}
