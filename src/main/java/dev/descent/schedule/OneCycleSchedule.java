package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * The 1cycle policy (Smith &amp; Topin 2017, Super-Convergence), exactly as torch 1.13's OneCycleLR
 * computes it: from maxLearningRate/divFactor up to maxLearningRate over the first pctStart of the
 * cycle, then down to that start rate /finalDivFactor; phases end at pctStart·totalSteps − 1 and
 * totalSteps − 1 (three-phase: pctStart·T − 1, 2·pctStart·T − 2, T − 1) and each anneals by
 * torch's {@code _annealing_cos} or {@code _annealing_linear}. With cycleMomentum the momentum
 * (SGD momentum, Adam's β₁) moves inversely between maxMomentum and baseMomentum, reported by
 * {@link Schedule#momentumAt}; as in torch it replaces the optimizer's own momentum.
 * <p>
 * Deviations: as in torch, the optimizer's learningRate plays no part (OneCycleLR sets the rate from
 * max_lr). torch allows totalSteps scheduler steps, the last one extrapolating the final phase
 * (pct &gt; 1), and fails on the next; here the rate and momentum for every step after totalSteps
 * hold the end of the cycle (the start rate /finalDivFactor and the final phase's end momentum).
 */
@Describe(value = "One cycle: up from maxLearningRate/divFactor to maxLearningRate, then down far below the start; "
        + "momentum cycles inversely. Ignores the optimizer's learningRate",
        reference = "torch.optim.lr_scheduler.OneCycleLR; Smith & Topin 2017, Super-Convergence")
public record OneCycleSchedule(
        @Describe("Peak rate, max_lr (required); the optimizer's learningRate is not used") @Positive Double maxLearningRate,
        @Describe("Steps in the cycle, total_steps (required)") @Min(1) Integer totalSteps,
        @Describe("Fraction of the cycle spent raising the rate, pct_start")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double pctStart,
        @Describe("Start rate = maxLearningRate/divFactor, div_factor") @Positive Double divFactor,
        @Describe("End rate = start rate/finalDivFactor, final_div_factor") @Positive Double finalDivFactor,
        @Describe("Annealing between phase ends: cos or linear, anneal_strategy")
        @Pattern(regexp = "cos|linear", message = "must be cos or linear") String annealStrategy,
        @Describe("Cycle the momentum (SGD momentum, Adam's β₁) inversely to the rate, cycle_momentum") Boolean cycleMomentum,
        @Describe("Momentum at the peak rate, base_momentum") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double baseMomentum,
        @Describe("Momentum at the start and end rates, max_momentum") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double maxMomentum,
        @Describe("Three phases as in Smith's paper (up, down to the start rate, annihilation), three_phase") Boolean threePhase,
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public OneCycleSchedule {   // torch's defaults
        pctStart = requireNonNullElse(pctStart, 0.3);
        divFactor = requireNonNullElse(divFactor, 25.0);
        finalDivFactor = requireNonNullElse(finalDivFactor, 1e4);
        annealStrategy = requireNonNullElse(annealStrategy, "cos");
        cycleMomentum = requireNonNullElse(cycleMomentum, true);
        baseMomentum = requireNonNullElse(baseMomentum, 0.85);
        maxMomentum = requireNonNullElse(maxMomentum, 0.95);
        threePhase = requireNonNullElse(threePhase, false);
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public void check(Violations violations) {
        violations.check(maxLearningRate != null, "maxLearningRate", "is required");
        if (!violations.check(totalSteps != null, "totalSteps", "is required") || totalSteps < 1) return;
        if (pctStart == null || !(pctStart > 0 && pctStart < 1)) return;   // bean validation names it
        // Where torch would divide by a phase of zero length: phase one at step 0, the last at step T.
        double[] ends = OneCycle.phaseEnds(pctStart, totalSteps, threePhase);
        violations.check(ends[0] != 0, "pctStart", "pctStart·totalSteps must not be 1 (the rising phase would have no length)");
        if (threePhase) {
            violations.check(ends[2] != ends[1], "pctStart",
                    "2·pctStart·totalSteps − 1 must not equal totalSteps (the last phase would have no length)");
        }
    }

    @Override
    public Schedule create(double learningRate) {
        double initial = maxLearningRate / divFactor;
        return new OneCycle(totalSteps, OneCycle.phaseEnds(pctStart, totalSteps, threePhase),
                initial, maxLearningRate, initial / finalDivFactor, "linear".equals(annealStrategy),
                cycleMomentum, baseMomentum, maxMomentum);
    }
}
