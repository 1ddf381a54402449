package dev.descent.bench;

import dev.descent.problem.Problem;
import dev.descent.problem.QuadraticSpec;
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
 * Value and gradient, and A·v, of the quadratic problem ½xᵀAx − bᵀx as {@link QuadraticSpec} builds
 * it: dense A (n = 100, 2000; 2000 is the size of the SciPy CG comparison, A is 32 MB) or a diagonal
 * (n = 10⁶). Both are one pass over A (or d) plus x and b. {@code separable-N} is the benchmarks' own
 * {@link SeparableQuadratic}, the evaluation inside every {@link OptimizerStepBenchmark} step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QuadraticEvaluationBenchmark {
    @Param({"dense-100", "dense-2000", "diagonal-1000000", "separable-10000", "separable-1000000"})
    public String problem;

    private Problem f;
    private double[] x, gradient, v, out;

    @Setup
    public void setUp() {
        String[] p = problem.split("-");
        int n = Integer.parseInt(p[1]);
        Random random = new Random(1);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = random.nextGaussian();
        f = switch (p[0]) {
            case "dense" -> {
                double[][] a = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < i; j++) a[i][j] = a[j][i] = random.nextGaussian() / n;
                    a[i][i] = 1 + random.nextDouble();
                }
                yield new QuadraticSpec(a, null, b, null).create();
            }
            case "diagonal" -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = 1 + random.nextDouble();
                yield new QuadraticSpec(null, d, b, null).create();
            }
            default -> new SeparableQuadratic(n);
        };
        x = new double[n];
        v = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
            v[i] = random.nextGaussian();
        }
        gradient = new double[n];
        out = new double[n];
    }

    @Benchmark
    public double valueAndGradient() {
        return f.valueAndGradient(x, gradient);
    }

    @Benchmark
    public double[] hessianVectorProduct() {
        f.hessianVectorProduct(x, v, out);
        return out;
    }
}
