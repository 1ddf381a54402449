package dev.descent.bench;

import dev.descent.optimizer.Iterate;
import dev.descent.optimizer.LbfgsSpec;
import dev.descent.optimizer.Optimizer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * The L-BFGS two-loop recursion alone (Nocedal &amp; Wright Algorithm 7.4, the production
 * {@code Lbfgs.direction}) with a full history of m = 10 pairs: 2m dot products and 2m axpys over
 * n, reading each stored s and y twice and d 4m times. The history comes from real L-BFGS steps on
 * {@link SeparableQuadratic}; the private method is reached through a method handle, so the
 * optimizer is benchmarked as the service runs it, unchanged. The call is idempotent (it reads the
 * history and g, writes d and α), so it can be repeated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LbfgsTwoLoopBenchmark {
    static final int HISTORY = 10;

    @Param({"10000", "1000000"})
    public int n;

    private Optimizer lbfgs;
    private MethodHandle direction;
    private double[] g;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        SeparableQuadratic problem = new SeparableQuadratic(n);
        lbfgs = new LbfgsSpec(null, HISTORY, null, null).create(problem, step -> 1.0, 1);
        Iterate it = new Iterate(problem, problem.defaultStart(), () -> {});
        it.evaluate();
        Class<?> type = lbfgs.getClass();
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        var count = lookup.findVarHandle(type, "count", int.class);
        for (long t = 1; (int) count.get(lbfgs) < HISTORY; t++) {
            if (t > 100 || lbfgs.step(it, t) != null) throw new IllegalStateException("history did not fill");
        }
        g = it.g().clone();
        direction = lookup.findVirtual(type, "direction", MethodType.methodType(void.class, double[].class))
                .asType(MethodType.methodType(void.class, Optimizer.class, double[].class));
    }

    @Benchmark
    public void twoLoop() throws Throwable {
        direction.invokeExact(lbfgs, g);
    }
}
