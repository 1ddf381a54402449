package dev.descent.bench;

import dev.descent.problem.LeastSquaresProblem;
import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.NonlinearLeastSquaresSpec;
import dev.descent.problem.Predictors;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Least-squares evaluations as the specs build them: value and gradient (½‖r‖² and Jᵀr), the
 * residuals, and the m×n Jacobian. {@code linear-MxN}: ½‖Ax − b‖² on a dense Gaussian A (its
 * Jacobian is a copy of A); {@code exponential-M}: the model b1·exp(−b2·x) + b3 fitted to M points,
 * its Jacobian by automatic differentiation of the model expression, row by row. The nonlinear
 * problem keeps the residuals and Jacobian of the last point, so every call alternates between
 * two points: each one computes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LeastSquaresEvaluationBenchmark {
    @Param({"linear-10000x100", "exponential-1000", "exponential-100000"})
    public String problem;

    private LeastSquaresProblem f;
    private double[] x, otherX, gradient, residuals, jacobian;
    private boolean other;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        String[] p = problem.split("-");
        if (p[0].equals("linear")) {
            String[] mn = p[1].split("x");
            int m = Integer.parseInt(mn[0]), n = Integer.parseInt(mn[1]);
            double[][] a = new double[m][n];
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) a[i][j] = random.nextGaussian();
                b[i] = random.nextGaussian();
            }
            f = (LeastSquaresProblem) new LinearLeastSquaresSpec(a, b, 0.0).create();
        } else {
            int m = Integer.parseInt(p[1]);
            double[] t = new double[m], y = new double[m];
            for (int i = 0; i < m; i++) {
                t[i] = 5.0 * i / m;
                y[i] = 2 * Math.exp(-0.7 * t[i]) + 0.5 + 0.01 * random.nextGaussian();
            }
            f = (LeastSquaresProblem) new NonlinearLeastSquaresSpec("b1*exp(-b2*x) + b3", List.of("b1", "b2", "b3"),
                    null, Predictors.ofValues(t), y, null, null, null).create();
        }
        int n = f.dimension(), m = f.residualCount();
        x = new double[n];
        otherX = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = 0.5 + 0.1 * random.nextGaussian();
            otherX[j] = x[j] + 1e-3;
        }
        gradient = new double[n];
        residuals = new double[m];
        jacobian = new double[m * n];
    }

    private double[] point() {
        other = !other;
        return other ? otherX : x;
    }

    @Benchmark
    public double valueAndGradient() {
        return f.valueAndGradient(point(), gradient);
    }

    @Benchmark
    public double[] residuals() {
        f.residuals(point(), residuals);
        return residuals;
    }

    @Benchmark
    public double[] jacobian() {
        f.jacobian(point(), jacobian);
        return jacobian;
    }
}
