package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.linalg.Vectors;
import dev.descent.problem.Problem;
import dev.descent.problem.QuadraticSpec;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * An optimizer's step allocates nothing: every work array is made with the optimizer. The step is
 * taken on a small dense quadratic (condition number 100); when it has converged x goes back to the
 * start, as bench/OptimizerStepBenchmark does, and an optimizer that halts (linear CG at its
 * tolerance) is made anew. Only steps that go on are counted: a halt builds its message.
 */
class StepAllocationTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw",
            "adamax", "nadam", "radam", "rprop", "quickprop", "gradient-descent-line-search", "conjugate-gradient",
            "lbfgs", "bfgs", "linear-cg", "pcg"})
    void aStepAllocatesNothing(String type) {
        int n = 16;
        double[] b = SolverFixtures.gaussian(n, 2), start = new double[n];
        for (int i = 0; i < n; i++) start[i] = 2 + 0.5 * (i % 3);
        Problem problem = new QuadraticSpec(SolverFixtures.spd(n, 100, 1), null, b, null).create();
        OptimizerSpec spec = JSON.readValue("{\"type\":\"" + type + "\"}", OptimizerSpec.class);
        Optimizer optimizer = spec.create(problem, step -> spec.learningRate(), 1);
        Iterate it = new Iterate(problem, start, () -> {});
        it.evaluate();
        double floor = 1e-6 * Vectors.normInf(it.g());
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId(), allocated = 0, measured = 0;
        for (long t = 1; t <= 60_000; t++) {
            long before = threads.getThreadAllocatedBytes(id);
            Halt halt = optimizer.step(it, t);
            // Steps after the warm-up (JIT included) that go on; a halting step builds its message.
            if (halt == null && t > 20_000) {
                allocated += threads.getThreadAllocatedBytes(id) - before;
                measured++;
            }
            double size = Vectors.normInf(it.g());
            if (halt != null || !(size > floor && size < Double.POSITIVE_INFINITY)) {
                // Linear CG ends when it has converged; another run needs a new one.
                if (halt != null) optimizer = spec.create(problem, step -> spec.learningRate(), 1);
                System.arraycopy(start, 0, it.x(), 0, n);
                it.evaluate();
            }
        }
        assertThat(measured).as("steps measured").isGreaterThan(20_000);
        // One allocation per step would be hundreds of kilobytes.
        assertThat(allocated).as(type).isLessThan(16 * 1024);
    }
}
