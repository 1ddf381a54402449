package dev.descent.bench;

import dev.descent.linalg.DenseRows;
import dev.descent.linalg.KernelPool;
import dev.descent.linalg.RowMatrix;
import dev.descent.linalg.SparseRows;
import dev.descent.problem.DataTable;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.Problem;
import dev.descent.problem.Problems;
import dev.descent.spec.Limits;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.beans.factory.ObjectProvider;

/**
 * One loss-and-gradient evaluation of L2 logistic regression (the production kernel, built through
 * {@link Problems} on a dataset as jobs build it; binary, or softmax over ten classes), and in the same state a read of the same data
 * arrays once (four accumulators): the fraction of bandwidth reached is readData / lossAndGradient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LossGradientBenchmark {
    @Param({"100000x100", "1000000x20", "10000x1000", "569x30", "sparse-8124x112-nnz21", "sparse-100000x1000-nnz20",
            "softmax10-100000x100"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private KernelPool pool;
    private Problem problem;
    private RowMatrix data;
    private double[] x;
    private double[] gradient;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(1);
        // "softmaxK-MxN": K classes (multinomial logistic regression) on dense M×N data
        int classes = shape.startsWith("softmax") ? Integer.parseInt(shape.substring(7, shape.indexOf('-'))) : 2;
        String dims = classes > 2 ? shape.substring(shape.indexOf('-') + 1) : shape;
        data = shape.startsWith("sparse") ? sparse(shape, random) : dense(dims, random);
        int m = data.rows();
        double[] labels = new double[m];
        for (int i = 0; i < m; i++) labels[i] = random.nextInt(classes);
        List<Object> classNames = new java.util.ArrayList<>();
        for (long c = 0; c < classes; c++) classNames.add(c);
        DataTable table = new DataTable("bench", "READY", data, labels, classNames, false, List.of(), "y");
        pool = new KernelPool(threads, 1_000_000);
        Problems problems = new Problems(Limits.defaults(), List.of(id -> Optional.of(table)), new ObjectProvider<>() {
            @Override
            public KernelPool getObject() {
                return pool;
            }
        });
        problem = problems.create(new LogisticRegressionSpec(null, null, 1e-4, null, true, null, "bench", null));
        x = new double[problem.dimension()];
        for (int j = 0; j < x.length; j++) x[j] = 0.01 * random.nextGaussian();
        gradient = new double[x.length];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public double lossAndGradient() {
        return problem.valueAndGradient(x, gradient);
    }

    /** Reads every stored array of the data once: the time the kernel would take at full read bandwidth. */
    @Benchmark
    public double readData() {
        if (data instanceof DenseRows d) return sum(d.values());
        SparseRows s = (SparseRows) data;
        return sum(s.values()) + sum(s.columnIndex());
    }

    static double sum(double[] a) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < a.length; i++) s0 += a[i];
        return (s0 + s1) + (s2 + s3);
    }

    static long sum(int[] a) {
        long s0 = 0, s1 = 0;
        int i = 0;
        for (; i + 1 < a.length; i += 2) {
            s0 += a[i];
            s1 += a[i + 1];
        }
        if (i < a.length) s0 += a[i];
        return s0 + s1;
    }

    static RowMatrix dense(String shape, Random random) {
        String[] p = shape.split("x");
        int m = Integer.parseInt(p[0]), n = Integer.parseInt(p[1]);
        double[] values = new double[m * n];
        for (int i = 0; i < values.length; i++) values[i] = random.nextGaussian();
        return new DenseRows(values, m, n);
    }

    /** "sparse-MxN-nnzK": K distinct random columns per row, ascending, all values 1 (like LIBSVM one-hot data). */
    static RowMatrix sparse(String shape, Random random) {
        String[] p = shape.split("-");
        String[] mn = p[1].split("x");
        int m = Integer.parseInt(mn[0]), n = Integer.parseInt(mn[1]), k = Integer.parseInt(p[2].substring(3));
        int[] start = new int[m + 1], columns = new int[m * k];
        double[] values = new double[m * k];
        for (int i = 0; i < m; i++) {
            int at = i * k;
            // k columns without repeats: one per stratum of n/k columns, ascending by construction
            for (int c = 0; c < k; c++) {
                int lo = (int) ((long) n * c / k), hi = (int) ((long) n * (c + 1) / k);
                columns[at + c] = lo + random.nextInt(hi - lo);
                values[at + c] = 1;
            }
            start[i + 1] = at + k;
        }
        return new SparseRows(start, columns, values, m, n);
    }
}
