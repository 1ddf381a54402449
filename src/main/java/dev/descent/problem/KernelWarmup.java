package dev.descent.problem;

import dev.descent.linalg.DenseRows;
import dev.descent.linalg.Kernels;
import dev.descent.linalg.KernelPool;
import dev.descent.linalg.RowMatrix;
import dev.descent.linalg.SparseRows;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the loss-and-gradient passes of logistic and softmax regression, dense and sparse, on small
 * generated data until the JIT has compiled them, so that the first job on real data does not pay
 * for it. The Vector API kernels are slowest before C2 has compiled them (a first evaluation at
 * 100000×100 took about 50 times as long as a later one), and a service's first job would otherwise
 * carry that whole cost.
 *
 * <p>The data are large enough for the vector paths (rows of 77, 104 and 333 features, blocks of rows)
 * and small enough that a round of all passes takes a few milliseconds once compiled. Each pass
 * runs twice: in one chunk, as for small data, and split into chunks by a kernel pool, as for large
 * data. The warm-up must take every branch that real data take: a branch C2 never saw taken is
 * compiled as a trap, and the first job through it would run uncompiled code again until C2 has
 * recompiled.
 * Warming up on cache-sized dense data alone left the first job at 3× a later one.
 */
public final class KernelWarmup {
    private static final Logger log = LoggerFactory.getLogger(KernelWarmup.class);
    /**
     * Rows that are no multiple of any block size, so that partial blocks run too. Dense data come in
     * three shapes, as dense passes differ for data that stay in the caches and data that stream from
     * memory ({@code DenseRows.CACHED}, 2^17 values, scored one row at a time), and the gradient takes
     * the columns in strips of 12, 8, 4 and 1 vectors and a tail: 77 columns in cache, and streamed 104
     * (no tail; the row's scores end with single vectors) and 333 (a tail) take every strip and both
     * kinds of row end, with vectors of 8 doubles and of 4.
     */
    private static final int ROWS = 509, DENSE_COLUMNS = 77, STREAMED_ROWS = 1401, STREAMED_COLUMNS = 104,
            WIDE_ROWS = 401, WIDE_COLUMNS = 333, SPARSE_COLUMNS = 256, SPARSE_PER_ROW = 16;
    /** Rounds enough for C2 to have compiled the vector kernels: twice the 150 it took on the development machine. */
    public static final int ROUNDS = 300;

    private final List<RowPassProblem> problems = new ArrayList<>();
    private final List<double[]> points = new ArrayList<>();
    private final List<int[]> samples = new ArrayList<>();

    /** @param split a pool that splits every pass into chunks (no minimum size) */
    public KernelWarmup(KernelPool split) {
        SplittableRandom random = new SplittableRandom(20261124);
        for (RowMatrix x : List.of(dense(ROWS, DENSE_COLUMNS, random), dense(STREAMED_ROWS, STREAMED_COLUMNS, random),
                dense(WIDE_ROWS, WIDE_COLUMNS, random), sparse(random))) {
            double[] y = new double[x.rows()];
            int[] classes = new int[x.rows()];
            for (int i = 0; i < y.length; i++) {
                y[i] = random.nextBoolean() ? 1 : -1;
                classes[i] = random.nextInt(3);
            }
            for (KernelPool pool : List.of(KernelPool.SEQUENTIAL, split)) {
                Design design = Design.raw(x, pool);
                add(new BinaryLogisticRegression(design, y, 1e-4, 0, true, List.of(0L, 1L), List.of()), random);
                add(new SoftmaxRegression(design, classes, List.of(0L, 1L, 2L), 1e-4, 0, true, List.of()), random);
            }
        }
    }

    private void add(RowPassProblem problem, SplittableRandom random) {
        problems.add(problem);
        samples.add(random.ints(problem.rows() / 4, 0, problem.rows()).toArray());
        double[] x = new double[problem.dimension()];
        for (int j = 0; j < x.length; j++) x[j] = 0.1 * random.nextGaussian();
        points.add(x);
    }

    private static RowMatrix dense(int rows, int columns, SplittableRandom random) {
        double[] values = new double[rows * columns];
        for (int i = 0; i < values.length; i++) values[i] = random.nextGaussian();
        return new DenseRows(values, rows, columns);
    }

    private static RowMatrix sparse(SplittableRandom random) {
        int[] start = new int[ROWS + 1], index = new int[ROWS * SPARSE_PER_ROW];
        double[] values = new double[index.length];
        int stride = SPARSE_COLUMNS / SPARSE_PER_ROW;
        for (int i = 0, at = 0; i < ROWS; i++) {
            for (int k = 0; k < SPARSE_PER_ROW; k++, at++) {
                index[at] = k * stride + random.nextInt(stride);   // ascending within the row
                values[at] = random.nextGaussian();
            }
            start[i + 1] = at;
        }
        return new SparseRows(start, index, values, ROWS, SPARSE_COLUMNS);
    }

    /**
     * One round: each problem's loss and gradient over all rows, its loss alone, and its loss and
     * gradient over a row sample (as minibatch optimizers ask). Returns the sum of the losses.
     */
    double round() {
        double sum = 0;
        for (int p = 0; p < problems.size(); p++) {
            RowPassProblem problem = problems.get(p);
            double[] x = points.get(p), g = new double[x.length];
            int[] sample = samples.get(p);
            sum += problem.valueAndGradient(x, g);
            sum += problem.value(x);
            sum += problem.valueAndGradient(x, g, sample, 0, sample.length);
        }
        return sum;
    }

    /** Runs {@code rounds} rounds and logs how long they took. */
    public void run(int rounds) {
        long t0 = System.nanoTime();
        double sum = 0;
        for (int r = 0; r < rounds; r++) sum += round();
        if (!Double.isFinite(sum)) throw new IllegalStateException("the warm-up's losses are not finite: " + sum);
        log.info("Data kernels warmed up in {} ms ({} rounds, {} kernels)", (System.nanoTime() - t0) / 1_000_000, rounds,
                Kernels.VECTOR ? "vector" : "scalar");
    }
}
