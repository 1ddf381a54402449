package dev.descent.optimizer;

import dev.descent.engine.RecordingSpec;
import dev.descent.engine.Run;
import dev.descent.engine.RunControl;
import dev.descent.engine.RunListener;
import dev.descent.engine.RunOutcome;
import dev.descent.problem.Problem;
import dev.descent.problem.QuadraticSpec;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StoppingSpec;
import java.util.Random;

/** Problems and a run driver shared by the line-search, curvature and derivative-free tests. */
final class SolverFixtures {
    private SolverFixtures() {}

    /**
     * A seeded random SPD matrix QΛQᵀ with eigenvalues evenly spaced over [1, condition]: Q from
     * Gram–Schmidt on a Gaussian matrix, the lower triangle mirrored so A is exactly symmetric.
     * (With geometrically spaced eigenvalues rounding visibly delays CG's finite termination: even
     * textbook linear CG needs about n + 5 iterations for 1e-8 at n = 20, κ = 100.)
     */
    static double[][] spd(int n, double condition, long seed) {
        Random random = new Random(seed);
        double[][] q = new double[n][n];
        for (int k = 0; k < n; k++) {
            double[] c = q[k];
            for (int i = 0; i < n; i++) c[i] = random.nextGaussian();
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += c[i] * q[j][i];
                for (int i = 0; i < n; i++) c[i] -= dot * q[j][i];
            }
            double norm = 0;
            for (double v : c) norm += v * v;
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) c[i] /= norm;
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += q[k][i] * (1 + (condition - 1) * k / (n - 1.0)) * q[k][j];
                a[i][j] = a[j][i] = s;
            }
        }
        return a;
    }

    /** A dense quadratic built the way a job builds it, so it has the exact Hessian-vector product. */
    static Problem quadratic(double[][] a, double[] b) {
        return new QuadraticSpec(a, null, b, null).create();
    }

    static double[] gaussian(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }

    /** The run loop a job uses, with only a gradient tolerance and an iteration cap. */
    static RunOutcome run(Problem problem, Optimizer optimizer, Schedule schedule, double gradientTolerance,
                          long maxIterations, double[] start) {
        StoppingSpec stopping = new StoppingSpec(maxIterations, null, gradientTolerance, null, null, null, null, null, null);
        return new Run(problem, optimizer, schedule, stopping, RecordingSpec.defaults(), new RunControl(), RunListener.NONE)
                .execute(start);
    }

    static double distanceToOnes(double[] x) {
        double m = 0;
        for (double v : x) m = Math.max(m, Math.abs(v - 1));
        return m;
    }
}
