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
 * Value and gradient of the (extended) Rosenbrock function Σ 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)²:
 * the compiled expression's reverse sweep against the same gradient written by hand in Java.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ExpressionGradientBenchmark {
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
            text.append("100*(x").append(i + 1).append(" - x").append(i).append("^2)^2 + (1 - x").append(i).append(")^2");
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
