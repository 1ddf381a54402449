package dev.descent.bench;

import dev.descent.optimizer.Halt;
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
 * One BFGS step as {@link OptimizerStepBenchmark} measures the others: BFGS keeps a dense n×n
 * inverse Hessian (n² doubles, 800 MB at n = 10⁴), read twice and written once per step, so it
 * runs at n = 10 and 10⁴ only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DenseOptimizerStepBenchmark {
    @Param({"bfgs"})
    public String optimizer;

    @Param({"10", "10000"})
    public int n;

    private OptimizerStepBenchmark.Stepper stepper;

    @Setup
    public void setUp() {
        stepper = new OptimizerStepBenchmark.Stepper(optimizer, n);
    }

    @Benchmark
    public Halt step() {
        return stepper.step();
    }
}
