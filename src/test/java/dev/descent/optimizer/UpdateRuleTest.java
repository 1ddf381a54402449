package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.descent.problem.Problem;
import org.junit.jupiter.api.Test;

/** First steps of each rule computed by hand from the torch 1.13 update formulas. */
class UpdateRuleTest {
    private static final double[] ORIGIN = new double[3];

    private static <S> double[] apply(UpdateRule<S> rule, S state, double[] g, double[] x, long t) {
        double[] step = g.clone();
        rule.update(step, state, x, t);
        return step;
    }

    private static <S> double[] first(UpdateRule<S> rule, double... g) {
        return apply(rule, rule.init(g.length), g, new double[g.length], 1);
    }

    @Test
    void adamFirstStepMovesEachCoordinateByLearningRate() {
        // m̂ = g and √v̂ = |g| after one step, so the step is lr·g/(|g| + ε) ≈ lr·sign(g).
        UpdateRule<?> adam = Chain.of(new ScaleByAdam(0.9, 0.999, 1e-8, false, true), new ScaleByLearningRate(k -> 0.01));
        double[] step = first(adam, 2.0, -0.5, 1e-3);
        assertThat(step[0]).isCloseTo(0.01 * 2 / (2 + 1e-8), offset(1e-15));
        assertThat(step[1]).isCloseTo(-0.01 * 0.5 / (0.5 + 1e-8), offset(1e-15));
        assertThat(step[2]).isCloseTo(0.01 * 1e-3 / (1e-3 + 1e-8), offset(1e-15));
    }

    @Test
    void adamWithoutBiasCorrectionDividesRawMoments() {
        double[] step = first(new ScaleByAdam(0.9, 0.999, 1e-8, false, false), 2.0);
        assertThat(step[0]).isCloseTo(0.1 * 2 / (Math.sqrt(0.001 * 4) + 1e-8), offset(1e-14));
    }

    @Test
    void amsgradKeepsTheLargestRawSecondMoment() {
        ScaleByAdam ams = new ScaleByAdam(0.9, 0.999, 0, true, true);
        ScaleByAdam.Moments s = ams.init(1);
        apply(ams, s, new double[] {10}, ORIGIN, 1);
        double[] step = apply(ams, s, new double[] {0.1}, ORIGIN, 2);
        double m = 0.9 * 1 + 0.1 * 0.1, vMax = 0.1;   // v₁ = 0.001·100 exceeds v₂ = 0.999·0.1 + 0.001·0.01
        assertThat(s.vMax()[0]).isCloseTo(vMax, offset(1e-15));
        assertThat(step[0]).isCloseTo(m / (1 - 0.81) / (Math.sqrt(vMax) / Math.sqrt(1 - 0.999 * 0.999)), offset(1e-12));
    }

    @Test
    void momentumFirstStepUsesBufferEqualToGradientThenDampens() {
        TraceMomentum momentum = new TraceMomentum(0.9, 0.5, false);
        TraceMomentum.Buffer s = momentum.init(2);
        assertThat(apply(momentum, s, new double[] {1, -2}, ORIGIN, 1)).containsExactly(1, -2);
        assertThat(apply(momentum, s, new double[] {4, 2}, ORIGIN, 2)).containsExactly(0.9 + 0.5 * 4, -1.8 + 0.5 * 2);
    }

    @Test
    void nesterovFirstStepAddsMomentumTimesBuffer() {
        assertThat(first(new TraceMomentum(0.9, 0, true), 1, -2)).containsExactly(1.9, -3.8);
    }

    @Test
    void adagradFirstStepIsGradientOverItsMagnitudePlusEpsilon() {
        assertThat(first(new ScaleByAdagrad(0, 0, 1e-10), 3, -0.5))
                .containsExactly(3 / (3 + 1e-10), -0.5 / (0.5 + 1e-10));
        assertThat(first(new ScaleByAdagrad(0, 1, 0), 3)).containsExactly(3 / Math.sqrt(10));
    }

    @Test
    void adagradDecaysTheRateByStepCount() {
        ScaleByAdagrad adagrad = new ScaleByAdagrad(0.5, 0, 0);
        double[] sum = adagrad.init(1);
        apply(adagrad, sum, new double[] {1}, ORIGIN, 1);
        apply(adagrad, sum, new double[] {1}, ORIGIN, 2);
        // t = 3: sum = 3, factor 1/(1 + 2·0.5).
        assertThat(apply(adagrad, sum, new double[] {1}, ORIGIN, 3)[0]).isCloseTo(1 / Math.sqrt(3) / 2, offset(1e-15));
    }

    @Test
    void rmspropFirstStepDividesByTenthOfTheMagnitude() {
        // v = (1 − 0.99)·g², √v = 0.1|g|.
        assertThat(first(new ScaleByRms(0.99, 1e-8, false), 2)[0]).isCloseTo(2 / (0.2 + 1e-8), offset(1e-12));
    }

    @Test
    void centeredRmspropSubtractsTheSquaredMean() {
        double v = 0.01 * 4, mean = 0.01 * 2;
        assertThat(first(new ScaleByRms(0.99, 1e-8, true), 2)[0])
                .isCloseTo(2 / (Math.sqrt(v - mean * mean) + 1e-8), offset(1e-12));
    }

    @Test
    void clipByNormUsesTorchsOneMillionthInTheDenominator() {
        assertThat(first(new ClipByNorm(1), 3, 4)).containsExactly(3 / (5 + 1e-6), 4 / (5 + 1e-6));
        assertThat(first(new ClipByNorm(1), 0.3, 0.4)).containsExactly(0.3, 0.4);
    }

    @Test
    void clipByValueClampsEachCoordinate() {
        assertThat(first(new ClipByValue(1), 3, -0.5, -7)).containsExactly(1, -0.5, -1);
    }

    @Test
    void weightDecayAddsTheScaledPoint() {
        AddWeightDecay decay = new AddWeightDecay(0.1);
        assertThat(apply(decay, null, new double[] {1, 1}, new double[] {2, -3}, 1)).containsExactly(1 + 0.1 * 2, 1 + 0.1 * -3);
    }

    @Test
    void chainAppliesStagesInOrder() {
        double[] x = {1, 1};
        UpdateRule<?> clipThenDecay = Chain.of(new ClipByValue(1), new AddWeightDecay(0.1));
        UpdateRule<?> decayThenClip = Chain.of(new AddWeightDecay(0.1), new ClipByValue(1));
        assertThat(applyFresh(clipThenDecay, new double[] {5, -5}, x)).containsExactly(1.1, -0.9);
        assertThat(applyFresh(decayThenClip, new double[] {5, -5}, x)).containsExactly(1, -1);
    }

    @SuppressWarnings("unchecked")
    private static double[] applyFresh(UpdateRule<?> rule, double[] g, double[] x) {
        UpdateRule<Object> r = (UpdateRule<Object>) rule;
        return apply(r, r.init(g.length), g, x, 1);
    }

    @Test
    void learningRateStageReadsTheRateOfThePreviousStepCount() {
        ScaleByLearningRate lr = new ScaleByLearningRate(k -> k + 1);
        assertThat(apply(lr, null, new double[] {1}, ORIGIN, 1)).containsExactly(1);
        assertThat(apply(lr, null, new double[] {1}, ORIGIN, 3)).containsExactly(3);
    }

    @Test
    void gdClipsBeforeAddingWeightDecay() {
        // f = cᵀx with c = (30, 40): clipping to norm 1 then adding 1·x at x = (1, 0).
        Problem linear = new Problem() {
            public int dimension() {
                return 2;
            }

            public double value(double[] x) {
                return 30 * x[0] + 40 * x[1];
            }

            public double valueAndGradient(double[] x, double[] g) {
                g[0] = 30;
                g[1] = 40;
                return value(x);
            }
        };
        Optimizer gd = new GdSpec(1.0, 1.0, 1.0, null, null, null).create(linear, k -> 1.0, 0);
        Iterate it = TestProblems.start(linear, new double[] {1, 0});
        gd.step(it, 1);
        double c = 1 / (50 + 1e-6);
        assertThat(it.x()).containsExactly(1 - (30 * c + 1), -(40 * c));
    }

    @Test
    void ruleOptimizerEvaluatesOncePerStep() {
        Problem quadratic = TestProblems.quadratic(new double[][] {{2}}, new double[] {0});
        Optimizer gd = new GdSpec(0.25, null, null, null, null, null).create(quadratic, k -> 0.25, 0);
        Iterate it = TestProblems.start(quadratic, new double[] {1});
        gd.step(it, 1);
        assertThat(it.x()).containsExactly(0.5);
        assertThat(it.f()).isEqualTo(0.25);
        assertThat(it.g()).containsExactly(1.0);
        assertThat(it.functionEvaluations()).isEqualTo(2);
    }
}
