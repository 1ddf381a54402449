package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Reduce-on-plateau on scripted losses, following torch 1.13 ReduceLROnPlateau.step(metrics) in mode 'min'. */
class ReduceOnPlateauScheduleTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    /** Observes the losses as steps 1, 2, … (as the run loop does) and returns at(t) for t = 0 … n. */
    static double[] replay(Schedule s, double... losses) {
        double[] rates = new double[losses.length + 1];
        rates[0] = s.at(0);
        for (int k = 1; k <= losses.length; k++) {
            s.observe(k, losses[k - 1]);
            rates[k] = s.at(k);
        }
        return rates;
    }

    static ReduceOnPlateauSchedule spec(Double factor, Integer patience, Double threshold, String mode, Integer cooldown,
                                        Double min, Double eps) {
        return new ReduceOnPlateauSchedule(factor, patience, threshold, mode, cooldown, min, eps, null);
    }

    @Test
    void aPlateauReducesTheRateAfterPatiencePlusOneBadSteps() {
        Schedule s = spec(0.5, 2, null, null, null, null, null).create(1.0);
        // Steps 1 and 2 improve; 3, 4, 5 do not: the third bad step (> patience) halves the rate.
        double[] rates = replay(s, 10, 9, 9, 9, 9, 9, 9, 9);
        assertThat(rates).containsExactly(1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25);
    }

    @Test
    void improvementsResetTheCount() {
        Schedule s = spec(0.5, 2, null, null, null, null, null).create(1.0);
        assertThat(replay(s, 10, 11, 11, 9, 11, 11, 8)).containsOnly(1.0);
    }

    @Test
    void badStepsDuringCooldownAreNotCounted() {
        Schedule s = spec(0.5, 1, null, null, 2, null, null).create(1.0);
        // Reduction at step 3; steps 4 and 5 are cooldown; counting resumes at 6, so the next is at 7, not 5.
        assertThat(replay(s, 5, 5, 5, 5, 5, 5, 5)).containsExactly(1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25);
    }

    @Test
    void theRateStopsAtTheMinimum() {
        Schedule s = spec(0.1, 0, null, null, null, 0.05, null).create(1.0);
        double[] rates = replay(s, 1, 1, 1, 1, 1);
        assertThat(rates[2]).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-17));
        assertThat(rates[3]).isEqualTo(0.05);
        assertThat(rates[4]).isEqualTo(0.05);
        assertThat(rates[5]).isEqualTo(0.05);
    }

    @Test
    void aReductionOfEpsOrLessIsNotMade() {
        // 3e-8 → 1.5e-8 changes the rate by more than eps = 1e-8; 1.5e-8 → 7.5e-9 does not.
        Schedule s = spec(0.5, 0, null, null, null, null, null).create(3e-8);
        assertThat(replay(s, 1, 1, 1, 1)).containsExactly(3e-8, 3e-8, 1.5e-8, 1.5e-8, 1.5e-8);
        Schedule bigEps = spec(0.5, 0, null, null, null, null, 1.0).create(1.0);
        assertThat(replay(bigEps, 1, 1, 1)).containsOnly(1.0);
    }

    @Test
    void relativeThresholdScalesWithTheBestLossAbsoluteDoesNot() {
        // threshold 0.1: 95 after 100 is no improvement relatively (needs < 90) but is one absolutely (< 99.9).
        double[] losses = {100, 95, 94};
        assertThat(replay(spec(0.5, 0, 0.1, "rel", null, null, null).create(1.0), losses)).containsExactly(1, 1, 0.5, 0.25);
        assertThat(replay(spec(0.5, 0, 0.1, "abs", null, null, null).create(1.0), losses)).containsExactly(1, 1, 1, 1);
        // Near zero the relative test still sees progress that the absolute one does not.
        double[] small = {1e-3, 5e-4, 2e-4};
        assertThat(replay(spec(0.5, 0, 0.1, "rel", null, null, null).create(1.0), small)).containsOnly(1.0);
        assertThat(replay(spec(0.5, 0, 0.1, "abs", null, null, null).create(1.0), small)).containsExactly(1, 1, 0.5, 0.25);
    }

    @Test
    void relativeThresholdOnNegativeLossesFollowsTorch() {
        // torch compares with best·(1 − threshold), which for best = −100 is −90: a worse −95 counts as
        // better and becomes the best; −80 is not below −85.5 and is the first bad step.
        Schedule s = spec(0.5, 0, 0.1, "rel", null, null, null).create(1.0);
        assertThat(replay(s, -100, -95, -80)).containsExactly(1, 1, 1, 0.5);
    }

    @Test
    void aLongScriptMatchesAPortOfTorch() {
        // Expected rates printed by a line-for-line Python port of torch 1.13 ReduceLROnPlateau.step
        // with lr 0.5, factor 0.5, patience 2, cooldown 1, min_lr 0.07, threshold 1e-3 (rel).
        Schedule s = spec(0.5, 2, 1e-3, "rel", 1, 0.07, null).create(0.5);
        double[] rates = replay(s, 5, 4, 4.2, 3.9, 3.95, 3.9, 3.9, 3.9, 3.8999, 3.9, 3.9, 3.9, 3.9, 3.9,
                2, 2, 2, 2, 2, 2, 2, 2);
        assertThat(rates).containsExactly(0.5,
                0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.125, 0.125,
                0.125, 0.125, 0.07, 0.07, 0.07, 0.07, 0.07);
    }

    @Test
    void earlierStepsKeepTheRateTheyHad() {
        Schedule s = spec(0.5, 0, null, null, null, null, null).create(1.0);
        replay(s, 3, 3, 3);
        assertThat(s.at(0)).isEqualTo(1.0);
        assertThat(s.at(1)).isEqualTo(1.0);
        assertThat(s.at(2)).isEqualTo(0.5);
        assertThat(s.at(3)).isEqualTo(0.25);
        assertThat(s.at(3)).isEqualTo(0.25);   // asking again changes nothing
        assertThat(s.at(10)).isEqualTo(0.25);  // not yet observed: the current rate
    }

    @Test
    void observationsOutOfOrderAreRefused() {
        Schedule s = spec(null, null, null, null, null, null, null).create(1.0);
        s.observe(2, 1.0);
        assertThatThrownBy(() -> s.observe(2, 1.0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eachBuiltScheduleHasItsOwnState() {
        ReduceOnPlateauSchedule spec = spec(0.5, 0, null, null, null, null, null);
        replay(spec.build(1.0), 1, 1, 1);
        assertThat(spec.build(1.0).at(5)).isEqualTo(1.0);
    }

    @Test
    void warmupPassesLossesFromItsLastStepOn() {
        // Warm-up of 2: the loss of step 2 is the inner schedule's step 0, of step 3 its step 1, …
        Schedule s = new ReduceOnPlateauSchedule(0.5, 0, null, null, null, null, null, 2).build(1.0);
        double[] rates = replay(s, 100, 100, 1, 1, 1);
        assertThat(rates).containsExactly(0.5, 1, 1, 1, 0.5, 0.25);
        assertThat(s.momentumAt(3)).isNaN();
    }

    @Test
    void jsonFillsInTorchDefaults() {
        ScheduleSpec read = JSON.readValue("{\"type\":\"reduce-on-plateau\"}", ScheduleSpec.class);
        assertThat(read).isEqualTo(new ReduceOnPlateauSchedule(0.1, 10, 1e-4, "rel", 0, 0.0, 1e-8, 0));
        assertThat(invalid(read)).isEmpty();
        assertThat(JSON.readValue("{\"type\":\"reduce-on-plateau\",\"thresholdMode\":\"abs\",\"patience\":0,\"warmupSteps\":3}",
                ScheduleSpec.class)).isEqualTo(new ReduceOnPlateauSchedule(0.1, 0, 1e-4, "abs", 0, 0.0, 1e-8, 3));
    }

    @Test
    void outOfRangeValuesFailBeanValidation() {
        assertThat(invalid(new ReduceOnPlateauSchedule(1.0, -1, -1e-4, "max", -1, -0.1, -1e-8, -1)))
                .containsExactlyInAnyOrder("factor", "patience", "threshold", "thresholdMode", "cooldown",
                        "minLearningRate", "eps", "warmupSteps");
        assertThat(invalid(spec(0.0, null, null, null, null, null, null))).containsExactly("factor");
        assertThat(invalid(spec(0.5, 0, 0.0, "abs", 0, 0.0, 0.0))).isEmpty();
    }

    static Set<String> invalid(ScheduleSpec spec) {
        return VALIDATOR.validate(spec).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }
}
