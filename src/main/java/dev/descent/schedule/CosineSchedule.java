package dev.descent.schedule;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Cosine annealing (Loshchilov &amp; Hutter 2017, SGDR). Without {@code restartPeriod} it is torch's
 * CosineAnnealingLR, recursive form included: the rate falls to the minimum over decaySteps and,
 * as in torch, rises again over the next decaySteps (a period of 2·decaySteps). With
 * {@code restartPeriod} it is CosineAnnealingWarmRestarts: the rate jumps back to η at each restart
 * and the period grows by {@code restartMultiplier}; decaySteps then plays no part.
 */
@Describe(value = "Cosine annealing from η to minLearningRate, optionally with warm restarts",
        reference = "torch.optim.lr_scheduler.CosineAnnealingLR; with restartPeriod, CosineAnnealingWarmRestarts")
public record CosineSchedule(
        @Describe("Steps from η down to minLearningRate, T_max (required unless restartPeriod is set)") @Min(1) Integer decaySteps,
        @Describe("Lowest rate, eta_min") @PositiveOrZero Double minLearningRate,
        @Describe("Steps until the first warm restart, T_0 (none if unset)") @Min(1) Integer restartPeriod,
        @Describe("Factor by which each period after a restart grows, T_mult") @Min(1) Integer restartMultiplier,
        @Describe("Steps of linear warm-up before the schedule starts") @Min(0) Integer warmupSteps)
        implements ScheduleSpec {

    public CosineSchedule {
        minLearningRate = requireNonNullElse(minLearningRate, 0.0);
        restartMultiplier = requireNonNullElse(restartMultiplier, 1);
        warmupSteps = requireNonNullElse(warmupSteps, 0);
    }

    @Override
    public void check(Violations violations) {
        if (restartPeriod == null) {
            violations.check(decaySteps != null, "decaySteps", "is required");
            violations.check(restartMultiplier == 1, "restartMultiplier", "applies only with restartPeriod");
        }
    }

    @Override
    public Schedule create(double learningRate) {
        return restartPeriod == null ? annealing(learningRate) : warmRestarts(learningRate);
    }

    private Schedule annealing(double base) {
        int T = decaySteps;
        double min = minLearningRate;
        return new Recurrence(base, (t, lr) -> {
            // Where the recursion would divide by 1 + cos(π) = 0, torch adds the first step's rise.
            if (Math.floorMod(t - 1 - T, 2L * T) == 0) return lr + (base - min) * (1 - Math.cos(Math.PI / T)) / 2;
            return (1 + Math.cos(Math.PI * t / T)) / (1 + Math.cos(Math.PI * (t - 1) / T)) * (lr - min) + min;
        });
    }

    private Schedule warmRestarts(double base) {
        long first = restartPeriod;
        long multiplier = restartMultiplier;
        double min = minLearningRate;
        return t -> {
            long tCur = t;
            long tI = first;
            while (tCur >= tI) {
                tCur -= tI;
                tI = tI > Long.MAX_VALUE / multiplier ? Long.MAX_VALUE : tI * multiplier;
            }
            return min + (base - min) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
        };
    }
}
