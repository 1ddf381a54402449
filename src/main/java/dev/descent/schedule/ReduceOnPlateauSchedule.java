package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * torch 1.13's ReduceLROnPlateau in mode 'min', stepped with the loss after every optimizer step:
 * a loss counts as better than the best so far when below best·(1 − threshold) ('rel') or
 * best − threshold ('abs'); after more than patience steps in a row without one the rate becomes
 * max(rate·factor, minLearningRate), unless that changes it by eps or less, and cooldown steps
 * follow in which bad steps are not counted. The rate in effect after t steps has seen the losses
 * of steps 1 … t. Losses that are not finite are not observed (the run ends as diverged anyway).
 */
@Describe(value = "Multiplies the rate by factor when the loss has not improved for more than patience steps",
        reference = "torch.optim.lr_scheduler.ReduceLROnPlateau (mode 'min')")
public record ReduceOnPlateauSchedule(
        @Describe("Factor applied at each reduction, factor")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double factor,
        @Describe("Steps without improvement tolerated before a reduction, patience") @Min(0) Integer patience,
        @Describe("Least improvement that counts, threshold") @PositiveOrZero Double threshold,
        @Describe("rel: better means below best·(1 − threshold); abs: below best − threshold, threshold_mode")
        @Pattern(regexp = "rel|abs", message = "must be rel or abs") String thresholdMode,
        @Describe("Steps after a reduction in which bad steps are not counted, cooldown") @Min(0) Integer cooldown,
        @Describe("Lowest rate, min_lr") @PositiveOrZero Double minLearningRate,
        @Describe("Smallest change of the rate worth making, eps") @PositiveOrZero Double eps,
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public ReduceOnPlateauSchedule {   // torch's defaults
        factor = requireNonNullElse(factor, 0.1);
        patience = requireNonNullElse(patience, 10);
        threshold = requireNonNullElse(threshold, 1e-4);
        thresholdMode = requireNonNullElse(thresholdMode, "rel");
        cooldown = requireNonNullElse(cooldown, 0);
        minLearningRate = requireNonNullElse(minLearningRate, 0.0);
        eps = requireNonNullElse(eps, 1e-8);
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public Schedule create(double learningRate) {
        return new Plateau(learningRate, factor, patience, threshold, "abs".equals(thresholdMode), cooldown,
                minLearningRate, eps);
    }
}
