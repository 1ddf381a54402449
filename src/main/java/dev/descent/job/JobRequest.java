package dev.descent.job;

import dev.descent.engine.RecordingSpec;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.problem.ProblemSpec;
import dev.descent.schedule.ConstantSchedule;
import dev.descent.schedule.ScheduleSpec;
import dev.descent.spec.Describe;
import dev.descent.stopping.StoppingSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A job as submitted. Only {@code problem} is required; {@link JobService} fills the optimizer,
 * stopping rules, recording and seed that the request leaves out, and the job keeps that complete
 * request so the view shows every setting in effect.
 */
@Describe("An optimization job: a problem, an optimizer, a schedule and stopping rules")
public record JobRequest(
        @Describe("A label for people; not unique") @Size(max = 200) String name,
        @Describe("What to minimize") @NotNull @Valid ProblemSpec problem,
        @Describe("How to minimize it; a sound default for the problem when absent") @Valid OptimizerSpec optimizer,
        @Describe("Learning-rate schedule; constant when absent") @Valid ScheduleSpec schedule,
        @Describe("When to stop") @Valid StoppingSpec stopping,
        @Describe("Start point; the problem's standard start when absent") double[] initialPoint,
        @Describe("Seed of every random choice; the same request and seed give the same trajectory") Long seed,
        @Describe("Which iterations the trajectory keeps") @Valid RecordingSpec recording,
        @Describe("Export this job's loss, gradient norm and iteration as live gauges while it runs") Boolean publishMetrics) {

    /** This request with the given defaults in place of absent parts. */
    JobRequest completed(OptimizerSpec defaultOptimizer, long defaultSeed) {
        return new JobRequest(name, problem,
                optimizer != null ? optimizer : defaultOptimizer,
                schedule != null ? schedule : new ConstantSchedule(null),
                stopping != null ? stopping : StoppingSpec.defaults(),
                initialPoint,
                seed != null ? seed : defaultSeed,
                recording != null ? recording : RecordingSpec.defaults(),
                publishMetrics != null ? publishMetrics : Boolean.FALSE);
    }
}
