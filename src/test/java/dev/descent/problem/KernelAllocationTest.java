package dev.descent.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.linalg.DenseRows;
import dev.descent.linalg.KernelPool;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A loss-and-gradient pass over dense data allocates nothing once compiled. The vector kernels must
 * keep their vectors in registers: a vector that C2 does not (one passed to or returned from a method
 * it did not inline, a sum started from loaded values) is allocated, once per block or per row. Shapes:
 * data in cache with short rows, data streamed from memory one row at a time (101 and 77 columns with
 * a tail, 1000 without), wide rows in cache; together they take every strip width of the gradient.
 */
class KernelAllocationTest {

    @ParameterizedTest
    @CsvSource({"509, 20", "1401, 101", "83, 333", "2003, 77", "2003, 1000"})
    void anEvaluationAllocatesNothing(int m, int n) {
        Random random = new Random(m * 31L + n);
        DenseRows data = (DenseRows) DataKernelsTest.randomData(random, m, n)[0];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) y[i] = random.nextBoolean() ? 1 : -1;
        Problem problem = new BinaryLogisticRegression(Design.raw(data, KernelPool.SEQUENTIAL), y, 1e-3, 0, true,
                List.of(0, 1), List.of());
        double[] x = new double[n + 1], g = new double[n + 1];
        for (int j = 0; j < x.length; j++) x[j] = 0.1 * random.nextGaussian();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        // Warm-up: until 200 evaluations in a row allocated nothing (the JIT has compiled the kernels),
        // at most 100,000 or a minute; then 500 evaluations are counted.
        int quiet = 0, t = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (; t < 100_000 && quiet < 200 && System.nanoTime() < deadline; t++) {
            long before = threads.getThreadAllocatedBytes(id);
            problem.valueAndGradient(x, g);
            quiet = threads.getThreadAllocatedBytes(id) == before ? quiet + 1 : 0;
        }
        assertThat(quiet).as("%d×%d: evaluations in a row without allocation after %d", m, n, t).isEqualTo(200);
        long allocated = 0;
        double sum = 0;
        for (int k = 0; k < 500; k++) {
            long before = threads.getThreadAllocatedBytes(id);
            sum += problem.valueAndGradient(x, g);
            allocated += threads.getThreadAllocatedBytes(id) - before;
        }
        assertThat(sum).isFinite();
        // One vector allocated per block in each of 500 evaluations would be over 30 KB.
        assertThat(allocated).as("%d×%d", m, n).isLessThan(16 * 1024);
    }
}
