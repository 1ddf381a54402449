package dev.descent.bench;

import dev.descent.linalg.Vectors;
import dev.descent.optimizer.Halt;
import dev.descent.optimizer.Iterate;
import dev.descent.optimizer.Optimizer;
import dev.descent.optimizer.OptimizerSpec;
import java.util.Map;
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
 * One {@link Optimizer#step} of each optimizer as a job builds it (its spec with the published
 * defaults, a constant schedule), on {@link SeparableQuadratic}, whose value and gradient are one
 * pass over x: the time is the step's own work plus that one cheap evaluation (line-search methods
 * evaluate as often as their search needs). Run with {@code -prof gc}: a step should allocate
 * nothing, so gc.alloc.rate.norm should be ≈0 B/op.
 *
 * <p>The optimizers keep stepping on the same problem, so they converge: when the gradient has
 * fallen by 10⁶ (checked every step for line-search methods, every 64 steps for the others) or
 * stopped being finite, or the optimizer halts, x goes back to the start and is re-evaluated. The
 * state (moments, L-BFGS pairs, BFGS matrix) is kept; for a quadratic the curvature pairs stay
 * exact. BFGS keeps an n×n matrix, so it lives in {@link DenseOptimizerStepBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OptimizerStepBenchmark {
    @Param({"gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam",
            "radam", "rprop", "quickprop", "gradient-descent-line-search", "conjugate-gradient", "lbfgs"})
    public String optimizer;

    @Param({"10", "10000", "1000000"})
    public int n;

    private Stepper stepper;

    @Setup
    public void setUp() {
        stepper = new Stepper(optimizer, n);
    }

    @Benchmark
    public Halt step() {
        return stepper.step();
    }

    /** An optimizer on {@link SeparableQuadratic} that starts over once it has converged. */
    static final class Stepper {
        private final Optimizer optimizer;
        private final Iterate it;
        private final double[] start;
        private final double floor;
        private final int checkEvery;
        private int untilCheck;
        private long t;

        Stepper(String type, int n) {
            SeparableQuadratic problem = new SeparableQuadratic(n);
            OptimizerSpec spec = BenchSpecs.spec(type, "sgd".equals(type) ? Map.of("momentum", 0.9) : Map.of());
            optimizer = spec.create(problem, step -> spec.learningRate(), 1);
            start = problem.defaultStart();
            it = new Iterate(problem, start, () -> {});
            it.evaluate();
            floor = 1e-6 * Vectors.normInf(it.g());
            boolean lineSearch = switch (type) {
                case "gradient-descent-line-search", "conjugate-gradient", "lbfgs", "bfgs" -> true;
                default -> false;
            };
            checkEvery = lineSearch ? 1 : 64;
            untilCheck = checkEvery;
        }

        Halt step() {
            Halt halt = optimizer.step(it, ++t);
            if (halt != null || --untilCheck == 0) {
                untilCheck = checkEvery;
                double size = Vectors.normInf(it.g());
                if (halt != null || !(size > floor && size < Double.POSITIVE_INFINITY)) {
                    System.arraycopy(start, 0, it.x(), 0, start.length);
                    it.evaluate();
                }
            }
            return halt;
        }
    }
}
