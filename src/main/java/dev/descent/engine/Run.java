package dev.descent.engine;

import static dev.descent.linalg.Vectors.allFinite;
import static dev.descent.linalg.Vectors.distanceInf;
import static dev.descent.linalg.Vectors.norm2;
import static dev.descent.linalg.Vectors.normInf;

import dev.descent.optimizer.Halt;
import dev.descent.optimizer.Iterate;
import dev.descent.optimizer.Optimizer;
import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StopReason;
import dev.descent.stopping.StoppingSpec;

/**
 * The iteration loop. Point k is the state after k steps (k = 0 is the start); its learning rate is
 * the one step k+1 uses. Before each step the loop checks the gradient tolerance, the target, the
 * iteration and evaluation caps and any stop request; after it, divergence, the optimizer's own
 * halt, the function and step tolerances and patience. Work arrays are made once per run.
 */
public final class Run {
    /** Progress snapshots go to the listener at most this often. */
    public static final long PROGRESS_INTERVAL_NANOS = 50_000_000L;

    private final Problem problem;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final StoppingSpec stopping;
    private final RecordingSpec recording;
    private final RunControl control;
    private final RunListener listener;
    private long checkpointEveryNanos = Long.MAX_VALUE;

    public Run(Problem problem, Optimizer optimizer, Schedule schedule, StoppingSpec stopping,
               RecordingSpec recording, RunControl control, RunListener listener) {
        this.problem = problem;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.stopping = stopping;
        this.recording = recording;
        this.control = control;
        this.listener = listener;
    }

    /** Offers a {@link Checkpoint} to the listener this often (and whenever the control asks for one). */
    public Run checkpointEvery(java.time.Duration interval) {
        checkpointEveryNanos = interval == null || interval.isZero() ? Long.MAX_VALUE : interval.toNanos();
        return this;
    }

    /** Runs from a start point. */
    public RunOutcome execute(double[] start) {
        return run(start, null);
    }

    /**
     * Continues a run from a checkpoint: the same steps, records and outcome as if it had never
     * stopped, provided the optimizer and schedule are the ones {@link RunState#restore} gave back.
     */
    public RunOutcome resume(Checkpoint checkpoint) {
        return run(checkpoint.x(), checkpoint);
    }

    private RunOutcome run(double[] start, Checkpoint from) {
        final long t0 = System.nanoTime() - (from == null ? 0 : (long) (from.elapsedMillis() * 1e6));
        final int n = start.length;
        final Iterate it = new Iterate(problem, start, control::check);
        final double[] x = it.x(), g = it.g();
        final double[] previousX = new double[n];
        final double[] bestX = from == null ? start.clone() : from.bestX().clone();
        final long every = recording.every();
        final boolean withPoint = recording.includePoint();
        final long maxIterations = stopping.maxIterations();
        final long maxEvaluations = stopping.maxEvaluations() == null ? Long.MAX_VALUE : stopping.maxEvaluations();
        final double gtol = stopping.gradientTolerance();
        final double ftol = stopping.functionTolerance() == null ? -1 : stopping.functionTolerance();
        final double xtol = stopping.stepTolerance() == null ? -1 : stopping.stepTolerance();
        final double target = stopping.targetLoss() == null ? Double.NEGATIVE_INFINITY : stopping.targetLoss();
        final long patience = stopping.patience() == null ? Long.MAX_VALUE : stopping.patience();

        if (from == null) {
            try {
                it.evaluate();
            } catch (StopRequested e) {
                return new RunOutcome(start.clone(), Double.NaN, Double.NaN, 0, it.functionEvaluations(),
                        it.gradientEvaluations(), e.reason(), message(e.reason()));
            }
        } else {
            it.restore(from.loss(), from.gradient(), from.functionEvaluations(), from.gradientEvaluations());
        }
        final double f0 = from == null ? it.f() : from.firstLoss();
        final double divergenceBound = stopping.divergenceFactor() * Math.max(1, Math.abs(f0));
        double bestLoss = from == null ? f0 : from.bestLoss();
        double bestGradientNorm = from == null ? norm2(g) : from.bestGradientNorm();
        long k = from == null ? 0 : from.iteration(), sinceBest = from == null ? 0 : from.sinceBest();
        long lastProgress = System.nanoTime(), lastCheckpoint = lastProgress;
        // Counts down to the next recorded point (k % every == 0) without a division per step.
        long untilRecord = every - Math.floorMod(k, every);
        double lr = schedule.at(k), gradientNorm = norm2(g);
        StopReason reason = null;
        String message = null;

        if (from == null) listener.point(0, f0, gradientNorm, lr, millis(t0), withPoint ? x : null, false);
        listener.progress(new Progress(k, it.f(), gradientNorm, lr, millis(t0), it.functionEvaluations(),
                it.gradientEvaluations(), bestX.clone(), bestLoss, bestGradientNorm));
        if (from == null && (!Double.isFinite(f0) || !allFinite(g))) {
            reason = StopReason.DIVERGED;
            message = "the objective or its gradient is not finite at the initial point";
        }

        while (reason == null) {
            StopReason pending = control.pending();
            if (pending != null) reason = pending;
            else if (normInf(g) <= gtol) reason = StopReason.GRADIENT_TOLERANCE;
            else if (it.f() <= target) reason = StopReason.TARGET_REACHED;
            else if (k >= maxIterations) reason = StopReason.MAX_ITERATIONS;
            else if (it.functionEvaluations() >= maxEvaluations) reason = StopReason.MAX_EVALUATIONS;
            if (reason != null) break;

            System.arraycopy(x, 0, previousX, 0, n);
            double previousLoss = it.f();
            Halt halt;
            try {
                halt = optimizer.step(it, k + 1);
            } catch (StopRequested e) {
                // The step was abandoned half-way: report the point it started from.
                System.arraycopy(previousX, 0, x, 0, n);
                it.setF(previousLoss);
                reason = e.reason();
                break;
            }
            k++;
            double f = it.f();
            gradientNorm = norm2(g);
            if (Double.isFinite(f)) schedule.observe(k, f);
            lr = schedule.at(k);

            if (!Double.isFinite(f) || !allFinite(x) || !allFinite(g)) {
                reason = StopReason.DIVERGED;
                message = "the loss, point or gradient became non-finite at iteration " + k;
            } else if (Math.abs(f - f0) > divergenceBound) {
                reason = StopReason.DIVERGED;
                message = "the loss moved more than divergenceFactor·max(1, |f₀|) from its start at iteration " + k;
            }
            if (f < bestLoss) {
                bestLoss = f;
                bestGradientNorm = gradientNorm;
                System.arraycopy(x, 0, bestX, 0, n);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            long now = System.nanoTime();
            if (--untilRecord == 0) {
                untilRecord = every;
                listener.point(k, f, gradientNorm, lr, (now - t0) / 1e6, withPoint ? x : null, false);
            }
            if (reason != null) break;

            if (halt != null) {
                reason = halt.reason();
                message = halt.message();
            } else if (ftol >= 0 && Math.abs(f - previousLoss)
                    <= ftol * Math.max(1, Math.max(Math.abs(f), Math.abs(previousLoss)))) {
                reason = StopReason.FUNCTION_TOLERANCE;
            } else if (xtol >= 0 && distanceInf(x, previousX) <= xtol * (xtol + normInf(x))) {
                reason = StopReason.STEP_TOLERANCE;
            } else if (sinceBest >= patience) {
                reason = StopReason.PATIENCE;
            }
            if (reason == null && (now - lastCheckpoint >= checkpointEveryNanos || control.checkpointRequested())) {
                lastCheckpoint = now;
                listener.checkpoint(new Checkpoint(k, x.clone(), it.f(), g.clone(), bestX.clone(), bestLoss,
                        bestGradientNorm, sinceBest, f0, (now - t0) / 1e6, it.functionEvaluations(),
                        it.gradientEvaluations(), RunState.save(optimizer, schedule, problem)));
                if (control.stopAfterCheckpoint()) {
                    reason = StopReason.CANCELLED;
                    message = "stopped after a checkpoint; the job continues elsewhere";
                }
            }
            if (now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
                lastProgress = now;
                listener.progress(new Progress(k, f, gradientNorm, lr, (now - t0) / 1e6, it.functionEvaluations(),
                        it.gradientEvaluations(), bestX.clone(), bestLoss, bestGradientNorm));
            }
        }

        listener.point(k, it.f(), gradientNorm, lr, millis(t0), withPoint ? x : null, true);
        listener.progress(new Progress(k, it.f(), gradientNorm, lr, millis(t0), it.functionEvaluations(),
                it.gradientEvaluations(), bestX.clone(), bestLoss, bestGradientNorm));
        boolean keepBest = reason == StopReason.DIVERGED || reason == StopReason.CANCELLED || reason == StopReason.TIME_LIMIT;
        return keepBest
                ? new RunOutcome(bestX.clone(), bestLoss, bestGradientNorm, k, it.functionEvaluations(),
                        it.gradientEvaluations(), reason, message != null ? message : message(reason))
                : new RunOutcome(x.clone(), it.f(), gradientNorm, k, it.functionEvaluations(),
                        it.gradientEvaluations(), reason, message != null ? message : message(reason));
    }

    private static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private String message(StopReason reason) {
        return switch (reason) {
            case GRADIENT_TOLERANCE -> "‖∇f‖∞ ≤ gradientTolerance (" + stopping.gradientTolerance() + ")";
            case FUNCTION_TOLERANCE -> "relative change of f ≤ functionTolerance (" + stopping.functionTolerance() + ")";
            case STEP_TOLERANCE -> "relative change of x ≤ stepTolerance (" + stopping.stepTolerance() + ")";
            case TARGET_REACHED -> "f ≤ targetLoss (" + stopping.targetLoss() + ")";
            case MAX_ITERATIONS -> "reached maxIterations (" + stopping.maxIterations() + ")";
            case MAX_EVALUATIONS -> "reached maxEvaluations (" + stopping.maxEvaluations() + ")";
            case PATIENCE -> "no new best loss in " + stopping.patience() + " iterations";
            case TIME_LIMIT -> "time limit (" + stopping.timeLimit() + ") reached; result holds the best point";
            case CANCELLED -> "cancelled; result holds the best point reached";
            case DIVERGED -> "diverged; result holds the best point reached";
            case SOLVED -> "solved exactly";
        };
    }
}
