package dev.descent.study;

import dev.descent.engine.RecordingSpec;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.schedule.ScheduleSpec;
import dev.descent.spec.Describe;
import dev.descent.stopping.StoppingSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/** One run of a study: everything of a job but the problem, which the study shares. */
@Describe("One configuration of a study")
public record RunSpec(
        @Describe("Label of the run in the table and the legend") @Size(max = 200) String name,
        @Describe("Optimizer; the problem's default when absent") @Valid OptimizerSpec optimizer,
        @Describe("Learning-rate schedule") @Valid ScheduleSpec schedule,
        @Describe("Stopping rules") @Valid StoppingSpec stopping,
        @Describe("Start point; the problem's standard start when absent") double[] initialPoint,
        @Describe("Seed; the study's seed when absent") Long seed,
        @Describe("Which iterations to keep") @Valid RecordingSpec recording) {}
