package dev.descent.job;

import dev.descent.engine.RecordingSpec;
import dev.descent.linalg.DenseRows;
import dev.descent.linalg.SparseRows;
import dev.descent.optimizer.BfgsSpec;
import dev.descent.optimizer.CholeskySpec;
import dev.descent.optimizer.ConjugateGradientSpec;
import dev.descent.optimizer.GaussNewtonSpec;
import dev.descent.optimizer.GaussSeidelSpec;
import dev.descent.optimizer.JacobiSpec;
import dev.descent.optimizer.LbfgsSpec;
import dev.descent.optimizer.LevenbergMarquardtSpec;
import dev.descent.optimizer.LuSpec;
import dev.descent.optimizer.NelderMeadSpec;
import dev.descent.optimizer.NewtonSpec;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.optimizer.QrSpec;
import dev.descent.optimizer.SvdSpec;
import dev.descent.problem.DataTable;
import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.NonlinearLeastSquaresSpec;
import dev.descent.problem.ProblemSpec;
import dev.descent.problem.QuadraticSpec;
import dev.descent.stopping.StoppingSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job will hold in memory while it runs, estimated at submission from the request alone, so
 * a job that cannot fit is refused with 400 before it is queued instead of failing a worker (or the
 * node) with {@code OutOfMemoryError}. Counts the terms that grow with the request, in bytes:
 *
 * <ul>
 * <li>{@code data}: the request's inline numbers, which the job keeps, and the problem's own copy of
 *     them (rows flattened into one array); the problem's per-row vectors (residuals, margins) and a
 *     nonlinear least-squares fit's cached Jacobian (m·n);
 * <li>{@code dataset}: an uploaded dataset at its in-memory size, counted once: every job on it shares
 *     one read-only copy and the problem views it without copying (only optimizers that need the
 *     design as a dense matrix count that copy, under {@code optimizer});
 * <li>{@code optimizer}: its state and work arrays: L-BFGS 2·history·n, BFGS n², Newton 3n² (Hessian,
 *     shifted copy, Cholesky factor), Gauss-Newton and Levenberg-Marquardt the m·n Jacobian and its QR
 *     copy, the direct solvers their dense system and factors, Nelder-Mead (n+1)·n, first-order
 *     methods at most 4n;
 * <li>{@code run}: the loop's vectors (point, gradient, best point, start, line-search trial points), 12n;
 * <li>{@code trajectory}: recorded points up to the cap ({@code descent.jobs.max-trajectory-points}),
 *     each 5 numbers and the point itself with {@code recording.includePoint}, twice over for the copy
 *     made when the store grows or thins it.
 * </ul>
 *
 * Fixed costs (objects, expression tapes, per-thread blocks of the data kernels) are left out.
 */
public record MemoryEstimate(long data, long dataset, long optimizer, long run, long trajectory) {
    private static final double DOUBLE = 8;

    public long total() {
        return saturated((double) data + dataset + optimizer + run + trajectory);
    }

    /** The parts by name, in bytes, as the 400 answer shows them. */
    public Map<String, Long> parts() {
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("data", data);
        parts.put("dataset", dataset);
        parts.put("optimizer", optimizer);
        parts.put("run", run);
        parts.put("trajectory", trajectory);
        return parts;
    }

    /** The request field whose setting drives the largest part, for the error's field path. */
    public String field() {
        long max = Math.max(Math.max(data, dataset), Math.max(Math.max(optimizer, run), trajectory));
        if (max == trajectory) return "recording";
        if (max == optimizer) return "optimizer.type";
        return "problem";
    }

    /**
     * @param request             a request that passed validation
     * @param optimizer           the optimizer it will run (the default for the problem when it names none)
     * @param data                the dataset the problem names, or null
     * @param maxTrajectoryPoints the store's cap on recorded points per job
     */
    public static MemoryEstimate of(JobRequest request, OptimizerSpec optimizer, DataTable data, int maxTrajectoryPoints) {
        ProblemSpec problem = request.problem();
        double n = problem.dimension();
        double m = observations(problem, data);
        double dataBytes = DOUBLE * problemData(problem, m, n);
        double datasetBytes = data == null ? 0 : datasetBytes(data);
        double optimizerBytes = DOUBLE * optimizerState(optimizer, problem, m, n);
        double runBytes = DOUBLE * 12 * n;
        StoppingSpec stopping = request.stopping() != null ? request.stopping() : StoppingSpec.defaults();
        RecordingSpec recording = request.recording() != null ? request.recording() : RecordingSpec.defaults();
        double points = Math.min(maxTrajectoryPoints, Math.floor((double) stopping.maxIterations() / recording.every()) + 2);
        double width = recording.includePoint() ? n : 0;
        double trajectoryBytes = 2 * points * (40 + DOUBLE * width);
        return new MemoryEstimate(saturated(dataBytes), saturated(datasetBytes), saturated(optimizerBytes),
                saturated(runBytes), saturated(trajectoryBytes));
    }

    /** Rows of data or residuals: m of a least-squares or classification problem, else 0. */
    static double observations(ProblemSpec problem, DataTable data) {
        if (data != null) return data.features().rows();
        if (problem instanceof LinearLeastSquaresSpec l && l.a() != null) return l.a().length;
        if (problem instanceof LogisticRegressionSpec l && l.features() != null) return l.features().length;
        if (problem instanceof NonlinearLeastSquaresSpec l && l.y() != null) return l.y().length;
        return 0;
    }

    /** Numbers the request and the problem hold for the problem's own data. */
    static double problemData(ProblemSpec problem, double m, double n) {
        if (problem instanceof QuadraticSpec q) {
            return (q.a() != null ? 2 * n * n : 0) + (q.diagonal() != null ? 2 * n : 0) + (q.b() != null ? 2 * n : 0);
        }
        if (problem instanceof LinearLeastSquaresSpec l) {
            // inline: A and b in the request and flattened in the problem; always the residuals and b's copy
            return (l.a() != null ? 2 * m * columns(l.a()) + m : 0) + 2 * m;
        }
        if (problem instanceof LogisticRegressionSpec l) {
            // inline: the features twice and the labels as boxed values; always class indices and margins
            return (l.features() != null ? 2 * m * columns(l.features()) + 3 * m : 0) + 2 * m;
        }
        if (problem instanceof NonlinearLeastSquaresSpec l) {
            double k = l.variables().size();
            double inline = l.y() != null ? 2 * m * k + 2 * m + (l.weights() != null ? 2 * m : 0) : 2 * m * k + m;
            return inline + m * n + m;   // the cached Jacobian and residuals
        }
        return 0;
    }

    private static double columns(double[][] rows) {
        return rows.length == 0 || rows[0] == null ? 0 : rows[0].length;
    }

    /** Bytes of a dataset's feature matrix and labels in memory. */
    static double datasetBytes(DataTable data) {
        double labels = data.labels() == null ? 0 : DOUBLE * data.labels().length;
        if (data.features() instanceof SparseRows s) {
            return labels + DOUBLE * s.values().length + 4.0 * s.columnIndex().length + 4.0 * s.rowStart().length;
        }
        if (data.features() instanceof DenseRows d) return labels + DOUBLE * d.values().length;
        return labels + DOUBLE * data.features().storedEntries();
    }

    /** Numbers an optimizer keeps or allocates for one run, beyond the loop's own vectors. */
    static double optimizerState(OptimizerSpec optimizer, ProblemSpec problem, double m, double n) {
        // Rows of the dense system a direct solver builds: least squares appends √λ·I for a ridge and
        // pads to at least n rows; a quadratic's system is n × n.
        double rows = problem instanceof LinearLeastSquaresSpec l ? Math.max(m + (l.ridge() > 0 ? n : 0), n) : n;
        if (optimizer instanceof LbfgsSpec l) return 2.0 * l.history() * n + l.history() * 2.0 + 8 * n;
        if (optimizer instanceof BfgsSpec) return n * n + 8 * n;
        if (optimizer instanceof NewtonSpec) return 3 * n * n + 4 * n;
        if (optimizer instanceof NelderMeadSpec) return (n + 1) * n + 5 * n;
        if (optimizer instanceof LevenbergMarquardtSpec) return 2 * m * n + 12 * n + 2 * m;
        if (optimizer instanceof GaussNewtonSpec) return 2 * m * n + 6 * n + 2 * m;
        if (optimizer instanceof QrSpec) return 3 * rows * n + 12 * n + 3 * rows;
        if (optimizer instanceof SvdSpec) return 4 * rows * n + n * n + 12 * n + 3 * rows;
        if (optimizer instanceof CholeskySpec) return rows * n + 2 * n * n + 2 * n;
        if (optimizer instanceof LuSpec) return 3 * n * n + 2 * n;
        if (optimizer instanceof JacobiSpec || optimizer instanceof GaussSeidelSpec) {
            // least squares works on the dense design; a quadratic up to n = 2000 is copied once to test dominance
            return (problem instanceof LinearLeastSquaresSpec ? rows * n + rows : n <= 2000 ? n * n : 0) + 3 * n;
        }
        if (optimizer instanceof ConjugateGradientSpec) return 6 * n;
        return 5 * n;   // first-order rules (at most three moment vectors and a step), line search, linear CG, random search
    }

    private static long saturated(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(bytes);
    }
}
