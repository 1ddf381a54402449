package dev.descent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.optimizer.Halt;
import dev.descent.optimizer.Optimizer;
import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StopReason;
import dev.descent.stopping.StoppingSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's stopping rules, recording and divergence detection, on f(x) = Σ c·xᵢ² with plain steps. */
class RunTest {
    /** f = Σ scale·xᵢ², ∇f = 2·scale·x. */
    record Bowl(int dimension, double scale) implements Problem {
        public double value(double[] x) {
            double s = 0;
            for (double v : x) s += scale * v * v;
            return s;
        }

        public double valueAndGradient(double[] x, double[] g) {
            for (int i = 0; i < x.length; i++) g[i] = 2 * scale * x[i];
            return value(x);
        }
    }

    /** x ← x − η·∇f with η from the schedule. */
    static Optimizer gd(Schedule schedule) {
        return (it, t) -> {
            double lr = schedule.at(t - 1);
            for (int i = 0; i < it.dimension(); i++) it.x()[i] -= lr * it.g()[i];
            it.evaluate();
            return null;
        };
    }

    static StoppingSpec stop(Long maxIterations, Double gtol, Double ftol, Double xtol, Double target, Long patience) {
        return new StoppingSpec(maxIterations, null, gtol, ftol, xtol, target, null, patience, null);
    }

    static RunOutcome run(Problem p, double lr, StoppingSpec stopping, double... start) {
        Schedule s = k -> lr;
        return new Run(p, gd(s), s, stopping, RecordingSpec.defaults(), new RunControl(), RunListener.NONE).execute(start);
    }

    @Test
    void gradientToleranceStopsOnTheInfinityNorm() {
        // x_k = 0.5^k·x₀ for η = 0.25 on Σxᵢ²; ‖∇f‖∞ = 2·0.5^k ≤ 1e-3 first at k = 11.
        RunOutcome out = run(new Bowl(2, 1), 0.25, stop(100L, 1e-3, null, null, null, null), 1, -1);
        assertThat(out.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(out.iterations()).isEqualTo(11);
        assertThat(out.functionEvaluations()).isEqualTo(12);
    }

    @Test
    void maxIterationsIsInclusive() {
        RunOutcome out = run(new Bowl(1, 1), 0.01, stop(7L, 0.0, null, null, null, null), 1);
        assertThat(out.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(out.iterations()).isEqualTo(7);
        assertThat(out.x()[0]).isEqualTo(Math.pow(0.98, 7), org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void targetLossFunctionAndStepTolerancesAndPatienceEachStopTheRun() {
        assertThat(run(new Bowl(1, 1), 0.25, stop(1000L, 0.0, null, null, 1e-4, null), 1).stopReason())
                .isEqualTo(StopReason.TARGET_REACHED);
        assertThat(run(new Bowl(1, 1), 0.01, stop(100000L, 0.0, 1e-6, null, null, null), 1).stopReason())
                .isEqualTo(StopReason.FUNCTION_TOLERANCE);
        assertThat(run(new Bowl(1, 1), 0.01, stop(100000L, 0.0, null, 1e-6, null, null), 1).stopReason())
                .isEqualTo(StopReason.STEP_TOLERANCE);
        // η = 1 on Σxᵢ² flips x ↦ −x: the loss never improves on the start.
        RunOutcome flat = run(new Bowl(1, 1), 1.0, stop(1000L, 0.0, null, null, null, 5L), 1);
        assertThat(flat.stopReason()).isEqualTo(StopReason.PATIENCE);
        assertThat(flat.iterations()).isEqualTo(5);
    }

    @Test
    void runawayLossOrNonFiniteValuesEndDivergedWithTheBestPoint() {
        RunOutcome out = run(new Bowl(1, 1), 1.5, StoppingSpec.defaults(), 0.5);
        assertThat(out.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(out.x()[0]).isEqualTo(0.5);
        assertThat(out.loss()).isEqualTo(0.25);
        RunOutcome nan = run(new Bowl(1, Double.NaN), 0.1, StoppingSpec.defaults(), 1);
        assertThat(nan.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(nan.iterations()).isZero();
    }

    @Test
    void optimizerHaltEndsTheRunWithItsReason() {
        Optimizer halting = (it, t) -> new Halt(StopReason.SOLVED, "exact");
        Schedule s = k -> 1;
        RunOutcome out = new Run(new Bowl(1, 1), halting, s, StoppingSpec.defaults(), RecordingSpec.defaults(),
                new RunControl(), RunListener.NONE).execute(new double[] {1});
        assertThat(out.stopReason()).isEqualTo(StopReason.SOLVED);
        assertThat(out.message()).isEqualTo("exact");
        assertThat(out.iterations()).isEqualTo(1);
    }

    @Test
    void cancelRequestedDuringAnEvaluationAbandonsTheStepAndKeepsTheStartingPoint() {
        RunControl control = new RunControl();
        Schedule s = k -> 0.1;
        Optimizer cancelsMidStep = (it, t) -> {
            it.x()[0] = 42; // half-way through a step
            control.cancel();
            it.evaluate();
            return null;
        };
        RunOutcome out = new Run(new Bowl(1, 1), cancelsMidStep, s, StoppingSpec.defaults(), RecordingSpec.defaults(),
                control, RunListener.NONE).execute(new double[] {1});
        assertThat(out.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(out.x()[0]).isEqualTo(1);
        assertThat(out.iterations()).isZero();
    }

    @Test
    void deadlineInThePastStopsBeforeTheFirstStep() {
        RunControl control = new RunControl();
        control.deadline(System.nanoTime() - Duration.ofSeconds(1).toNanos());
        Schedule s = k -> 0.1;
        RunOutcome out = new Run(new Bowl(1, 1), gd(s), s, StoppingSpec.defaults(), RecordingSpec.defaults(), control,
                RunListener.NONE).execute(new double[] {1});
        assertThat(out.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
    }

    @Test
    void recordedPointsCarryTheRateTheNextStepUses() {
        List<double[]> points = new ArrayList<>();
        RunListener listener = new RunListener() {
            public void point(long k, double f, double g, double lr, double ms, double[] x, boolean last) {
                points.add(new double[] {k, f, lr, last ? 1 : 0});
            }

            public void progress(Progress p) {}
        };
        Schedule halving = k -> 0.1 * Math.pow(0.5, k);
        new Run(new Bowl(1, 1), gd(halving), halving, stop(3L, 0.0, null, null, null, null), RecordingSpec.defaults(),
                new RunControl(), listener).execute(new double[] {1});
        assertThat(points).hasSize(5); // k = 0..3, and the last offered again
        assertThat(points.get(2)[2]).isEqualTo(0.025);
        // x₁ = 1 − 0.1·2 = 0.8, x₂ = 0.8 − 0.05·1.6 = 0.72
        assertThat(points.get(2)[1]).isEqualTo(0.72 * 0.72, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(points.get(4)[3]).isEqualTo(1);
    }
}
