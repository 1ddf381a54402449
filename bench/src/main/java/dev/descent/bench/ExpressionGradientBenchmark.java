package dev.descent.bench;

import dev.descent.expression.CompiledExpression;
import dev.descent.expression.Evaluator;
import dev.descent.expression.ExpressionLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Value and gradient of a function of n variables, the compiled expression against the same
 * gradient written by hand in Java. {@code rosenbrock}: the (extended) Rosenbrock function
 * Σ 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)²; {@code transcendental}: Σ sin(a)·cos(b) + exp(a·b/2) +
 * log(1 + a² + b²) over the pairs (a, b) = (x₂ᵢ₋₁, x₂ᵢ), six calls of sin, cos, exp and log per
 * pair on either side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ExpressionGradientBenchmark {
    @Param({"rosenbrock", "transcendental"})
    String function;

    @Param({"2", "100"})
    int n;

    double[] x, g;
    Evaluator evaluator;

    @Setup
    public void setUp() {
        x = new double[n];
        g = new double[n];
        List<String> names = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            names.add("x" + i);
            x[i] = i % 2 == 0 ? -1.2 : 1;
        }
        for (int i = 0; i < n; i += 2) {
            if (i > 0) text.append(" + ");
            String a = "x" + i, b = "x" + (i + 1);
            if (function.equals("rosenbrock")) {
                text.append("100*(").append(b).append(" - ").append(a).append("^2)^2 + (1 - ").append(a).append(")^2");
            } else {
                text.append("sin(").append(a).append(")*cos(").append(b).append(") + exp(").append(a).append("*").append(b)
                        .append("/2) + log(1 + ").append(a).append("^2 + ").append(b).append("^2)");
            }
        }
        evaluator = CompiledExpression.parse(text.toString(), names, ExpressionLimits.ofLength(1_000_000)).evaluator();
    }

    @Benchmark
    public double expression(Blackhole bh) {
        double f = evaluator.valueAndGradient(x, g);
        bh.consume(g);
        return f;
    }

    @Benchmark
    public double handWritten(Blackhole bh) {
        return function.equals("rosenbrock") ? rosenbrock(bh) : transcendental(bh);
    }

    private double transcendental(Blackhole bh) {
        double f = 0;
        for (int i = 0; i < n; i += 2) {
            double a = x[i], b = x[i + 1];
            double sa = Math.sin(a), ca = Math.cos(a), sb = Math.sin(b), cb = Math.cos(b);
            double e = Math.exp(a * b / 2), q = 1 + a * a + b * b;
            f += sa * cb + e + Math.log(q);
            g[i] = ca * cb + b / 2 * e + 2 * a / q;
            g[i + 1] = -sa * sb + a / 2 * e + 2 * b / q;
        }
        bh.consume(g);
        return f;
    }

    private double rosenbrock(Blackhole bh) {
        double f = 0;
        for (int i = 0; i < n; i += 2) {
            double a = x[i], b = x[i + 1];
            double t = b - a * a, u = 1 - a;
            f += 100 * t * t + u * u;
            g[i] = -400 * t * a - 2 * u;
            g[i + 1] = 200 * t;
        }
        bh.consume(g);
        return f;
    }
}
