package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    static final double EPS = 1e-15;

    @Test
    void constantKeepsTheRate() {
        Schedule s = new ConstantSchedule(null).build(0.3);
        assertThat(s.at(0)).isEqualTo(0.3);
        assertThat(s.at(1_000_000)).isEqualTo(0.3);
    }

    @Test
    void inverseTimeDividesByOnePlusRateTimesStep() {
        Schedule s = new InverseTimeSchedule(0.5, null).create(1.0);
        assertThat(s.at(0)).isEqualTo(1.0);
        assertThat(s.at(1)).isCloseTo(1 / 1.5, within(EPS));
        assertThat(s.at(2)).isCloseTo(0.5, within(EPS));
        assertThat(s.at(10)).isCloseTo(1 / 6.0, within(EPS));
    }

    @Test
    void inverseTimeWithZeroRateIsConstant() {
        assertThat(new InverseTimeSchedule(0.0, null).create(0.2).at(50)).isEqualTo(0.2);
    }

    @Test
    void stepDecaysAtEachBoundary() {
        Schedule s = new StepSchedule(3, null, null).create(1.0);
        assertThat(s.at(2)).isEqualTo(1.0);
        assertThat(s.at(3)).isCloseTo(0.1, within(EPS));
        assertThat(s.at(5)).isCloseTo(0.1, within(EPS));
        assertThat(s.at(6)).isCloseTo(0.01, within(EPS));
    }

    @Test
    void cosineWithRestartsJumpsBackAtTenThirtyAndSeventy() {
        // T_0 = 10, T_mult = 2: periods 10, 20, 40 starting at 0, 10, 30, 70.
        Schedule s = new CosineSchedule(null, 0.0, 10, 2, null).create(1.0);
        for (long restart : new long[] {0, 10, 30, 70}) {
            assertThat(s.at(restart)).as("t=%d", restart).isEqualTo(1.0);
        }
        assertThat(s.at(5)).isCloseTo(0.5, within(EPS));            // halfway through the first period
        assertThat(s.at(9)).isCloseTo((1 + Math.cos(Math.PI * 0.9)) / 2, within(EPS));
        assertThat(s.at(20)).isCloseTo(0.5, within(EPS));           // halfway through 10..30
        assertThat(s.at(50)).isCloseTo(0.5, within(EPS));           // halfway through 30..70
        assertThat(s.at(69)).isCloseTo((1 + Math.cos(Math.PI * 39 / 40)) / 2, within(EPS));
        assertThat(s.at(110)).isCloseTo(0.5, within(EPS));           // 70..150, period 80
    }

    @Test
    void cosineWithRestartsKeepsTheMinimum() {
        Schedule s = new CosineSchedule(null, 0.1, 4, null, null).create(0.5);
        assertThat(s.at(2)).isCloseTo(0.3, within(EPS));
        assertThat(s.at(4)).isEqualTo(0.5);
        assertThat(s.at(6)).isCloseTo(0.3, within(EPS));
    }

    @Test
    void cosineWithoutRestartsIsPeriodicLikeTorch() {
        Schedule s = new CosineSchedule(4, 0.0, null, null, null).create(1.0);
        assertThat(s.at(2)).isCloseTo(0.5, within(EPS));
        assertThat(s.at(4)).isCloseTo(0.0, within(EPS));
        assertThat(s.at(6)).isCloseTo(0.5, within(EPS));
        assertThat(s.at(8)).isCloseTo(1.0, within(EPS));
        assertThat(s.at(12)).isCloseTo(0.0, within(EPS));
    }

    @Test
    void cosineOverOneStepAlternatesBetweenTheEnds() {
        Schedule s = new CosineSchedule(1, 0.1, null, null, null).create(1.0);
        assertThat(s.at(1)).isCloseTo(0.1, within(EPS));
        assertThat(s.at(2)).isCloseTo(1.0, within(EPS));
        assertThat(s.at(3)).isCloseTo(0.1, within(EPS));
    }

    @Test
    void warmupRampsToTheFirstRateThenStartsTheScheduleClock() {
        Schedule s = new StepSchedule(2, 0.5, 4).build(1.0);
        assertThat(s.at(0)).isEqualTo(0.25);
        assertThat(s.at(1)).isEqualTo(0.5);
        assertThat(s.at(2)).isEqualTo(0.75);
        assertThat(s.at(3)).isEqualTo(1.0);
        assertThat(s.at(4)).isEqualTo(1.0);   // inner(0)
        assertThat(s.at(5)).isEqualTo(1.0);   // inner(1)
        assertThat(s.at(6)).isEqualTo(0.5);   // inner(2)
        assertThat(s.at(8)).isEqualTo(0.25);  // inner(4)
    }

    @Test
    void warmupOfZeroStepsIsTheScheduleItself() {
        assertThat(new ExponentialSchedule(0.5, 0).build(1.0).at(1)).isEqualTo(0.5);
    }

    @Test
    void warmupRampsToAScaledFirstRate() {
        Schedule s = new InverseTimeSchedule(1.0, 2).build(0.4);
        assertThat(s.at(0)).isCloseTo(0.2, within(EPS));
        assertThat(s.at(1)).isCloseTo(0.4, within(EPS));
        assertThat(s.at(2)).isCloseTo(0.4, within(EPS));
        assertThat(s.at(3)).isCloseTo(0.2, within(EPS));
    }

    @Test
    void multistepDecaysAtEachMilestoneAndTwiceAtARepeatedOne() {
        Schedule s = new MultiStepSchedule(List.of(2, 5, 5), 0.5, null).create(1.0);
        assertThat(s.at(1)).isEqualTo(1.0);
        assertThat(s.at(2)).isEqualTo(0.5);
        assertThat(s.at(4)).isEqualTo(0.5);
        assertThat(s.at(5)).isEqualTo(0.125);
        assertThat(s.at(100)).isEqualTo(0.125);
    }

    @Test
    void inverseSqrtHoldsTheRateForTheFirstStepThenDecays() {
        Schedule s = new InverseSqrtSchedule(null).create(1.0);
        assertThat(s.at(0)).isEqualTo(1.0);
        assertThat(s.at(1)).isEqualTo(1.0);
        assertThat(s.at(4)).isEqualTo(0.5);
        assertThat(s.at(100)).isCloseTo(0.1, within(EPS));
    }

    @Test
    void polynomialReachesTheEndRateAndStays() {
        Schedule s = new PolynomialSchedule(4, 2.0, 0.1, null).create(1.1);
        assertThat(s.at(0)).isEqualTo(1.1);
        assertThat(s.at(1)).isCloseTo(1.0 * 0.5625 + 0.1, within(1e-14));
        assertThat(s.at(2)).isCloseTo(1.0 * 0.25 + 0.1, within(1e-14));
        assertThat(s.at(3)).isCloseTo(1.0 * 0.0625 + 0.1, within(1e-14));
        assertThat(s.at(4)).isCloseTo(0.1, within(1e-14));
        assertThat(s.at(50)).isCloseTo(0.1, within(1e-14));
    }

    @Test
    void polynomialOfPowerOneIsLinearToZeroByDefault() {
        Schedule s = new PolynomialSchedule(10, null, null, null).create(1.0);
        assertThat(s.at(3)).isCloseTo(0.7, within(1e-14));
        assertThat(s.at(10)).isEqualTo(0.0);
    }

    @Test
    void linearDefaultsRiseFromAThirdToTheFullRateOverFiveSteps() {
        Schedule s = new LinearSchedule(null, null, null, null).create(0.3);
        assertThat(s.at(0)).isCloseTo(0.1, within(EPS));
        assertThat(s.at(1)).isCloseTo(0.14, within(EPS));
        assertThat(s.at(4)).isCloseTo(0.26, within(EPS));
        assertThat(s.at(5)).isCloseTo(0.3, within(EPS));
        assertThat(s.at(9)).isCloseTo(0.3, within(EPS));
    }

    @Test
    void linearCanDecay() {
        Schedule s = new LinearSchedule(1.0, 0.5, 2, null).create(1.0);
        assertThat(s.at(1)).isCloseTo(0.75, within(EPS));
        assertThat(s.at(2)).isCloseTo(0.5, within(EPS));
        assertThat(s.at(3)).isCloseTo(0.5, within(EPS));
    }
}
