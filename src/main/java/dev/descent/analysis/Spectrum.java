package dev.descent.analysis;

import dev.descent.linalg.Vectors;
import dev.descent.problem.Problem;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** The extreme eigenvalues of a Hessian, densely or matrix-free. */
final class Spectrum {
    private Spectrum() {}

    record Extremes(double min, double max, String method, boolean converged) {}

    /** All eigenvalues of a symmetric n×n row-major matrix by EJML's symmetric QR algorithm. */
    static Extremes dense(double[] hessian, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) m.data[i * n + j] = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(m)) return new Extremes(Double.NaN, Double.NaN, "dense symmetric eigendecomposition (EJML)", false);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double l = eig.getEigenvalue(i).real;
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        return new Extremes(min, max, "dense symmetric eigendecomposition (EJML)", true);
    }

    /**
     * Power iteration on Hessian-vector products by centered differences of the gradient, H·v ≈
     * (∇f(x + εv) − ∇f(x − εv))/2ε: first the eigenvalue of largest magnitude λ₁, then the other end
     * of the spectrum by power iteration on H − λ₁I. Each product costs two gradients.
     */
    static Extremes matrixFree(Problem problem, double[] x, int maxIterations, double tolerance) {
        int n = x.length;
        HessianTimes h = new HessianTimes(problem, x);
        Power first = power(h, n, 0, maxIterations, tolerance, 1);
        Power second = power(h, n, first.lambda, maxIterations, tolerance, 2);
        double other = second.lambda + first.lambda;
        double min = Math.min(first.lambda, other), max = Math.max(first.lambda, other);
        return new Extremes(min, max, "power iteration on finite-difference Hessian-vector products ("
                + (first.iterations + second.iterations) + " products)", first.converged && second.converged);
    }

    private record Power(double lambda, int iterations, boolean converged) {}

    /** Dominant eigenvalue of H − shift·I by the Rayleigh quotient of power iteration. */
    private static Power power(HessianTimes h, int n, double shift, int maxIterations, double tolerance, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n], hv = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        Vectors.scale(1 / Vectors.norm2(v), v);
        double lambda = 0;
        for (int k = 1; k <= maxIterations; k++) {
            h.times(v, hv);
            Vectors.axpy(-shift, v, hv);
            double next = Vectors.dot(v, hv);
            double norm = Vectors.norm2(hv);
            if (norm == 0 || !Double.isFinite(norm)) return new Power(next, k, norm == 0);
            for (int i = 0; i < n; i++) v[i] = hv[i] / norm;
            if (k > 1 && Math.abs(next - lambda) <= tolerance * Math.max(Math.abs(next), 1e-300)) {
                return new Power(next, k, true);
            }
            lambda = next;
        }
        return new Power(lambda, maxIterations, false);
    }

    /** H·v by a centered difference of gradients along v (‖v‖ = 1). */
    private static final class HessianTimes {
        private final Problem problem;
        private final double[] x, y, up, down;
        private final double epsilon;

        HessianTimes(Problem problem, double[] x) {
            this.problem = problem;
            this.x = x;
            int n = x.length;
            y = new double[n];
            up = new double[n];
            down = new double[n];
            epsilon = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Vectors.normInf(x));
        }

        void times(double[] v, double[] out) {
            Vectors.addScaled(x, epsilon, v, y);
            problem.valueAndGradient(y, up);
            Vectors.addScaled(x, -epsilon, v, y);
            problem.valueAndGradient(y, down);
            for (int i = 0; i < out.length; i++) out[i] = (up[i] - down[i]) / (2 * epsilon);
        }
    }
}
