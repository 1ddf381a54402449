package dev.descent.bench;

import dev.descent.engine.RecordingSpec;
import dev.descent.engine.Run;
import dev.descent.engine.RunControl;
import dev.descent.engine.RunListener;
import dev.descent.engine.RunOutcome;
import dev.descent.linalg.Vectors;
import dev.descent.optimizer.LbfgsSpec;
import dev.descent.optimizer.LinearCgSpec;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.problem.FunctionSpec;
import dev.descent.problem.Problem;
import dev.descent.problem.QuadraticSpec;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StoppingSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Descent's side of {@code bench/scipy-comparison.py}: whole solves in this process, through the
 * run loop a job uses ({@link Run}, no recording kept, no HTTP), timed from building the optimizer to
 * the outcome. Prints one JSON line per case: the first (cold, JIT compiling) solve's time, the
 * median and minimum of the following {@code repeats}, and the outcome of the last.
 *
 * <pre>
 * java -cp benchmarks.jar dev.descent.bench.SolveTime rosenbrock N GTOL FTOL HISTORY REPEATS
 * java -cp benchmarks.jar dev.descent.bench.SolveTime cg FILE RTOL REPEATS
 * </pre>
 * FILE holds n (int64), A (n×n, row-major) and b (n), little-endian float64, as the script writes them.
 */
public final class SolveTime {
    private SolveTime() {}

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "rosenbrock" -> {
                int n = Integer.parseInt(args[1]);
                double gtol = Double.parseDouble(args[2]), ftol = Double.parseDouble(args[3]);
                int history = Integer.parseInt(args[4]), repeats = Integer.parseInt(args[5]);
                Problem problem = new FunctionSpec("rosenbrock", n).create();
                OptimizerSpec spec = new LbfgsSpec(null, history, null, null);
                StoppingSpec stop = new StoppingSpec(100_000L, null, gtol, ftol, null, null, null, null, null);
                time("lbfgs-rosenbrock-" + n, problem, spec, stop, problem.defaultStart(), repeats);
            }
            case "cg" -> {
                double rtol = Double.parseDouble(args[2]);
                int repeats = Integer.parseInt(args[3]);
                QuadraticSpec quadratic = read(Path.of(args[1]));
                Problem problem = quadratic.create();
                OptimizerSpec spec = new LinearCgSpec(null, rtol);
                // Only the solver's own relative-residual test stops it, as scipy's rtol does.
                StoppingSpec stop = new StoppingSpec(100_000L, null, 0.0, null, null, null, null, null, null);
                time("linear-cg-quadratic-" + problem.dimension(), problem, spec, stop,
                        new double[problem.dimension()], repeats);
            }
            default -> throw new IllegalArgumentException("unknown case " + args[0]);
        }
    }

    private static void time(String name, Problem problem, OptimizerSpec spec, StoppingSpec stop, double[] start,
                             int repeats) {
        Schedule schedule = step -> spec.learningRate();
        long t0 = System.nanoTime();
        RunOutcome outcome = solve(problem, spec, schedule, stop, start);
        double cold = (System.nanoTime() - t0) / 1e6;
        double[] times = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            t0 = System.nanoTime();
            outcome = solve(problem, spec, schedule, stop, start);
            times[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(times);
        double[] g = new double[problem.dimension()];
        problem.valueAndGradient(outcome.x(), g);
        System.out.printf(Locale.ROOT, "{\"case\": \"%s\", \"coldMillis\": %.3f, \"medianMillis\": %.3f, \"minMillis\": %.3f, "
                        + "\"repeats\": %d, \"iterations\": %d, \"functionEvaluations\": %d, \"loss\": %.17g, "
                        + "\"gradientNormInf\": %.6g, \"stopReason\": \"%s\"}%n",
                name, cold, times[repeats / 2], times[0], repeats, outcome.iterations(), outcome.functionEvaluations(),
                outcome.loss(), Vectors.normInf(g), outcome.stopReason());
    }

    private static RunOutcome solve(Problem problem, OptimizerSpec spec, Schedule schedule, StoppingSpec stop,
                                    double[] start) {
        return new Run(problem, spec.create(problem, schedule, 1), schedule, stop,
                new RecordingSpec(Long.MAX_VALUE, false), new RunControl(), RunListener.NONE).execute(start);
    }

    private static QuadraticSpec read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int n = Math.toIntExact(bytes.getLong());
        DoubleBuffer values = bytes.asDoubleBuffer();
        double[][] a = new double[n][n];
        for (double[] row : a) values.get(row);
        double[] b = new double[n];
        values.get(b);
        return new QuadraticSpec(a, null, b, null);
    }
}
