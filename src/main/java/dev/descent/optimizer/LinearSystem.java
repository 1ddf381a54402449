package dev.descent.optimizer;

import dev.descent.problem.LinearLeastSquaresProblem;
import dev.descent.problem.Problem;
import dev.descent.problem.QuadraticProblem;

/**
 * The dense data a direct solver works on: for linear least squares min ‖Ax − b‖² + λ‖x‖², the m×n
 * design A with √λ·I appended when λ > 0 and zero rows when it has fewer rows than columns, and
 * b (with zeros); for a quadratic ½xᵀAx − bᵀx + c, the square system Ax = b.
 */
record LinearSystem(double[] a, int rows, int columns, double[] b, boolean leastSquares) {

    static LinearSystem of(Problem problem) {
        int n = problem.dimension();
        if (problem instanceof LinearLeastSquaresProblem p) {
            double[] design = p.design(), observations = p.observations();
            int m = observations.length;
            int rows = Math.max(m + (p.ridge() > 0 ? n : 0), n);
            double[] a = new double[rows * n], b = new double[rows];
            System.arraycopy(design, 0, a, 0, m * n);
            System.arraycopy(observations, 0, b, 0, m);
            if (p.ridge() > 0) for (int j = 0; j < n; j++) a[(m + j) * n + j] = Math.sqrt(p.ridge());
            return new LinearSystem(a, rows, n, b, true);
        }
        if (problem instanceof QuadraticProblem q) {
            double[] a = new double[n * n], b = new double[n];
            q.hessian(new double[n], a);
            q.linearTerm(b);
            return new LinearSystem(a, n, n, b, false);
        }
        throw new IllegalArgumentException("not a linear system: " + problem);
    }

    /** AᵀA and Aᵀb for least squares (the normal equations), else A and b themselves. */
    LinearSystem normal() {
        if (!leastSquares) return this;
        int n = columns;
        double[] g = new double[n * n], c = new double[n];
        for (int i = 0; i < rows; i++) {
            int o = i * n;
            for (int j = 0; j < n; j++) {
                double aij = a[o + j];
                if (aij == 0) continue;
                c[j] += aij * b[i];
                for (int k = j; k < n; k++) g[j * n + k] += aij * a[o + k];
            }
        }
        for (int j = 0; j < n; j++) for (int k = 0; k < j; k++) g[j * n + k] = g[k * n + j];
        return new LinearSystem(g, n, n, c, false);
    }
}
