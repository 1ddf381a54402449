package dev.descent.bench;

import dev.descent.engine.RecordingSpec;
import dev.descent.engine.Run;
import dev.descent.engine.RunControl;
import dev.descent.engine.RunListener;
import dev.descent.engine.RunOutcome;
import dev.descent.linalg.DenseRows;
import dev.descent.linalg.KernelPool;
import dev.descent.optimizer.LbfgsSpec;
import dev.descent.problem.DataTable;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.Problem;
import dev.descent.problem.Problems;
import dev.descent.spec.Limits;
import dev.descent.stopping.StoppingSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The Descent side of {@code bench/whole-solve-logistic.py}: L2 logistic regression with an
 * intercept solved by {@code lbfgs} (service defaults: history 10, strong Wolfe, step 1) from zero,
 * the problem built through {@link Problems} on a dataset and run by the service's {@link Run} loop,
 * as a job would be. Reads X (m×n, row-major) and y (0/1) as little-endian float64 files written by
 * the script, solves {@code repeats} times in this JVM (the first run includes JIT compilation) and
 * prints one line per solve: {@code seconds iterations evaluations loss stopReason}; the
 * coefficients and intercept of the last solve go to {@code out} as float64, for the script to
 * evaluate.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.descent.bench.WholeSolveLogistic X.bin y.bin m n
 * lambda gradientTolerance threads repeats out.bin}
 */
public final class WholeSolveLogistic {
    private WholeSolveLogistic() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 9) {
            System.err.println("usage: WholeSolveLogistic X.bin y.bin m n lambda gradientTolerance threads repeats out.bin");
            System.exit(2);
        }
        int m = Integer.parseInt(args[2]), n = Integer.parseInt(args[3]);
        double lambda = Double.parseDouble(args[4]), gtol = Double.parseDouble(args[5]);
        int threads = Integer.parseInt(args[6]), repeats = Integer.parseInt(args[7]);
        double[] x = read(Path.of(args[0]), (long) m * n), y = read(Path.of(args[1]), m);
        DataTable table = new DataTable("whole-solve", "READY", new DenseRows(x, m, n), y, List.of(0L, 1L), false,
                List.of(), "y");
        PrintStream out = System.out;
        double[] last = null;
        try (KernelPool pool = new KernelPool(threads, 1_000_000)) {
            Problems problems = new Problems(Limits.defaults(), List.of(id -> Optional.of(table)), new ObjectProvider<>() {
                @Override
                public KernelPool getObject() {
                    return pool;
                }
            });
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                Problem problem = problems.create(new LogisticRegressionSpec(null, null, lambda, null, true, null,
                        "whole-solve", null));
                LbfgsSpec lbfgs = new LbfgsSpec(null, null, null, null);
                double rate = lbfgs.learningRate();
                StoppingSpec stopping = new StoppingSpec(10_000L, null, gtol, null, null, null, null, null, null);
                RunOutcome outcome = new Run(problem, lbfgs.create(problem, k -> rate, 0), k -> rate, stopping,
                        RecordingSpec.defaults(), new RunControl(), RunListener.NONE).execute(new double[problem.dimension()]);
                double seconds = (System.nanoTime() - t0) * 1e-9;
                out.printf(Locale.ROOT, "%.6f %d %d %.17g %s%n", seconds, outcome.iterations(),
                        outcome.functionEvaluations(), outcome.loss(), outcome.stopReason());
                last = outcome.x();
            }
        }
        write(Path.of(args[8]), last);
    }

    private static double[] read(Path file, long count) throws IOException {
        if (Files.size(file) != count * Double.BYTES) {
            throw new IOException(file + " holds " + Files.size(file) + " bytes, not " + count * Double.BYTES);
        }
        double[] values = new double[Math.toIntExact(count)];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.map(FileChannel.MapMode.READ_ONLY, 0, count * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                    .asDoubleBuffer().get(values);
        }
        return values;
    }

    private static void write(Path file, double[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        Files.write(file, buffer.array());
    }
}
