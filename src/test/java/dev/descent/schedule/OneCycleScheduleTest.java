package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.descent.spec.FieldViolation;
import dev.descent.spec.Violations;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-cycle against torch 1.13 OneCycleLR for total_steps = 10, max_lr = 0.1. The literal tables were
 * printed by a line-for-line Python port of OneCycleLR.get_lr (initial_lr = max_lr/div_factor = 0.004,
 * min_lr = initial_lr/final_div_factor = 4e-7, phase ends float(0.3·10) − 1 = 2 and 10 − 1 = 9, in
 * three-phase 2, float(2·0.3·10) − 2 = 4 and 9); each test also recomputes them from the closed forms.
 */
class OneCycleScheduleTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final double TOLERANCE = 1e-12;
    static final double INITIAL = 0.1 / 25, MIN = INITIAL / 1e4;

    /** lr[t], momentum[t] for t = 0 … 10, cos annealing, two phases. */
    static final double[][] COS = {
            {0.0040000000000000036, 0.95}, {0.052000000000000005, 0.8999999999999999}, {0.1, 0.85},
            {0.09504846320134738, 0.854951556604879}, {0.0811745653949763, 0.8688255099070633},
            {0.06112620219362893, 0.8888739533021842}, {0.03887419780637107, 0.9111260466978157},
            {0.0188258346050237, 0.9311744900929366}, {0.004951936798652629, 0.945048443395121},
            {4e-07, 0.95},
            {0.004951936798652624, 0.945048443395121}};   // t = T: torch extrapolates the last phase (pct = 8/7)

    static final double[][] LINEAR = {
            {0.004, 0.95}, {0.052000000000000005, 0.8999999999999999}, {0.1, 0.85},
            {0.08571434285714286, 0.8642857142857142}, {0.07142868571428572, 0.8785714285714286},
            {0.05714302857142858, 0.8928571428571428}, {0.042857371428571434, 0.9071428571428571},
            {0.028571714285714284, 0.9214285714285714}, {0.014286057142857148, 0.9357142857142857},
            {3.999999999976245e-07, 0.95},
            {-0.014285257142857138, 0.9642857142857142}};  // t = T: linear extrapolation goes below zero, as in torch

    static final double[][] THREE_PHASE = {
            {0.0040000000000000036, 0.95}, {0.052000000000000005, 0.8999999999999999}, {0.1, 0.85},
            {0.052000000000000005, 0.8999999999999999}, {0.004, 0.95},
            {0.0036180721853510196, 0.95}, {0.0026181721853510195, 0.95}, {0.0013822278146489802, 0.95},
            {0.0003823278146489803, 0.95}, {4e-07, 0.95}, {0.00038232781464897985, 0.95}};

    static OneCycleSchedule spec(String strategy, boolean threePhase) {
        return new OneCycleSchedule(0.1, 10, null, null, null, strategy, null, null, null, threePhase, null);
    }

    static double cos(double start, double end, double pct) {
        return end + (start - end) / 2 * (Math.cos(Math.PI * pct) + 1);
    }

    static void assertClose(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, offset(TOLERANCE * Math.abs(expected)));
    }

    static void assertTable(Schedule s, double[][] table) {
        for (int t = 0; t < table.length; t++) {
            assertClose(s.at(t), table[t][0], "lr[" + t + "]");
            assertClose(s.momentumAt(t), table[t][1], "momentum[" + t + "]");
        }
    }

    @Test
    void cosineCycleMatchesTorchRatesAndMomenta() {
        Schedule s = spec(null, false).create(123.0);   // the optimizer's rate plays no part
        assertTable(s, COS);
        for (int t = 0; t <= 10; t++) {
            double pct = t <= 2 ? t / 2.0 : (t - 2) / 7.0;
            double lr = t <= 2 ? cos(INITIAL, 0.1, pct) : cos(0.1, MIN, pct);
            double momentum = t <= 2 ? cos(0.95, 0.85, pct) : cos(0.85, 0.95, pct);
            assertClose(s.at(t), lr, "closed-form lr[" + t + "]");
            assertClose(s.momentumAt(t), momentum, "closed-form momentum[" + t + "]");
        }
    }

    @Test
    void linearAnnealingMatchesTorch() {
        Schedule s = spec("linear", false).create(0.1);
        assertTable(s, LINEAR);
        for (int t = 0; t <= 10; t++) {
            double pct = t <= 2 ? t / 2.0 : (t - 2) / 7.0;
            double lr = t <= 2 ? INITIAL + (0.1 - INITIAL) * pct : 0.1 + (MIN - 0.1) * pct;
            assertClose(s.at(t), lr, "closed-form lr[" + t + "]");
        }
    }

    @Test
    void threePhaseRisesFallsToTheStartThenAnnihilates() {
        Schedule s = spec(null, true).create(0.1);
        assertTable(s, THREE_PHASE);
        for (int t = 0; t <= 10; t++) {
            double lr = t <= 2 ? cos(INITIAL, 0.1, t / 2.0)
                    : t <= 4 ? cos(0.1, INITIAL, (t - 2) / 2.0)
                    : cos(INITIAL, MIN, (t - 4) / 5.0);
            assertClose(s.at(t), lr, "closed-form lr[" + t + "]");
        }
    }

    @Test
    void pastTotalStepsTheEndOfTheCycleHolds() {
        Schedule s = spec(null, false).create(0.1);
        assertThat(s.at(11)).isEqualTo(MIN);
        assertThat(s.at(1_000_000)).isEqualTo(MIN);
        assertThat(s.momentumAt(11)).isEqualTo(0.95);
        assertThat(spec("linear", false).create(0.1).at(11)).isEqualTo(MIN);
    }

    @Test
    void ratesDoNotDependOnTheOrderAsked() {
        Schedule s = spec(null, false).create(0.1);
        double at7 = s.at(7);
        s.at(2);
        assertThat(s.at(7)).isEqualTo(at7);
    }

    @Test
    void withoutCycleMomentumTheMomentumIsLeftAlone() {
        Schedule s = new OneCycleSchedule(0.1, 10, null, null, null, null, false, null, null, null, null).create(0.1);
        assertThat(s.momentumAt(0)).isNaN();
        assertThat(s.momentumAt(5)).isNaN();
        assertClose(s.at(5), COS[5][0], "lr[5]");
    }

    @Test
    void warmupRampsToTheStartRateAndHoldsTheFirstMomentum() {
        Schedule s = new OneCycleSchedule(0.1, 10, null, null, null, null, null, null, null, null, 4).build(0.1);
        assertClose(s.at(0), COS[0][0] / 4, "lr[0]");
        assertClose(s.at(3), COS[0][0], "lr[3]");
        for (int t = 0; t < 4; t++) assertThat(s.momentumAt(t)).isEqualTo(0.95);
        for (int t = 0; t <= 10; t++) {
            assertClose(s.at(4 + t), COS[t][0], "lr[4+" + t + "]");
            assertClose(s.momentumAt(4 + t), COS[t][1], "momentum[4+" + t + "]");
        }
    }

    @Test
    void jsonFillsInTorchDefaults() {
        ScheduleSpec read = JSON.readValue("{\"type\":\"one-cycle\",\"maxLearningRate\":0.1,\"totalSteps\":100}", ScheduleSpec.class);
        assertThat(read).isEqualTo(new OneCycleSchedule(0.1, 100, 0.3, 25.0, 1e4, "cos", true, 0.85, 0.95, false, 0));
        assertThat(checked(read)).isEmpty();
        assertThat(invalid(read)).isEmpty();
    }

    @Test
    void missingPeakRateAndLengthAreReportedByName() {
        ScheduleSpec read = JSON.readValue("{\"type\":\"one-cycle\"}", ScheduleSpec.class);
        assertThat(checked(read)).containsExactly("schedule.maxLearningRate", "schedule.totalSteps");
    }

    @Test
    void outOfRangeValuesFailBeanValidation() {
        assertThat(invalid(new OneCycleSchedule(0.0, 0, 1.0, 0.0, -1.0, "cosine", null, 1.0, -0.1, null, -1)))
                .containsExactlyInAnyOrder("maxLearningRate", "totalSteps", "pctStart", "divFactor", "finalDivFactor",
                        "annealStrategy", "baseMomentum", "maxMomentum", "warmupSteps");
        assertThat(invalid(new OneCycleSchedule(0.1, 10, 0.0, null, null, "linear", null, null, null, null, null)))
                .containsExactly("pctStart");
    }

    @Test
    void phasesOfZeroLengthWhereTorchDividesByZeroAreRejected() {
        // 0.1·10 − 1 = 0: the rising phase ends at step 0 and torch computes 0/0.
        assertThat(checked(new OneCycleSchedule(0.1, 10, 0.1, null, null, null, null, null, null, null, null)))
                .containsExactly("schedule.pctStart");
        // Three phases, 2·0.55·10 − 2 = 9 = T − 1: the last phase has no length.
        assertThat(checked(new OneCycleSchedule(0.1, 10, 0.55, null, null, null, null, null, null, true, null)))
                .containsExactly("schedule.pctStart");
        assertThat(checked(new OneCycleSchedule(0.1, 10, 0.55, null, null, null, null, null, null, false, null))).isEmpty();
    }

    @Test
    void aOneStepCycleUsesTheEndRateAsTorchDoes() {
        // T = 1: the first phase ends at 0.3 − 1 < 0, so step 0 lies at the end of the second.
        Schedule s = new OneCycleSchedule(0.1, 1, null, null, null, null, null, null, null, null, null).create(0.1);
        assertClose(s.at(0), MIN, "lr[0]");
        assertThat(s.momentumAt(0)).isEqualTo(0.95);
    }

    static List<String> checked(ScheduleSpec spec) {
        Violations violations = new Violations().at("schedule");
        spec.check(violations);
        return violations.list().stream().map(FieldViolation::field).toList();
    }

    static Set<String> invalid(ScheduleSpec spec) {
        return VALIDATOR.validate(spec).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }
}
