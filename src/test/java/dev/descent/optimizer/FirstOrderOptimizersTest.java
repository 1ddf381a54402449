package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The newer first-order optimizers: hand-computed early steps, convergence, ascent, one-cycle momentum. */
class FirstOrderOptimizersTest {
    private static final JsonMapper JSON = new JsonMapper();
    private static final double[] ORIGIN = new double[3];

    private static <S> double[] apply(UpdateRule<S> rule, S state, double[] g, long t) {
        double[] step = g.clone();
        rule.update(step, state, ORIGIN, t);
        return step;
    }

    private static OptimizerSpec spec(String json) {
        return JSON.readValue(json, OptimizerSpec.class);
    }

    /** f(x) = cᵀx: a constant gradient c, so every step is the rule's response to c alone. */
    static Problem linear(double... c) {
        return new Problem() {
            public int dimension() {
                return c.length;
            }

            public double value(double[] x) {
                double f = 0;
                for (int i = 0; i < c.length; i++) f += c[i] * x[i];
                return f;
            }

            public double valueAndGradient(double[] x, double[] g) {
                System.arraycopy(c, 0, g, 0, c.length);
                return value(x);
            }
        };
    }

    /** x after each of {@code steps} steps. */
    static double[][] trajectory(OptimizerSpec spec, Problem problem, Schedule schedule, double[] x0, int steps) {
        Optimizer optimizer = spec.create(problem, schedule, 42);
        Iterate it = TestProblems.start(problem, x0);
        double[][] xs = new double[steps][];
        for (int t = 1; t <= steps; t++) {
            optimizer.step(it, t);
            xs[t - 1] = it.x().clone();
        }
        return xs;
    }

    @Test
    void adadeltaFirstStepIsRootEpsilonOverRootOfTheDecayedSquare() {
        double v = 0.1 * 4;
        double[] step = apply(new ScaleByAdadelta(0.9, 1e-6), new ScaleByAdadelta(0.9, 1e-6).init(1), new double[] {2}, 1);
        assertThat(step[0]).isCloseTo(Math.sqrt(1e-6) / Math.sqrt(v + 1e-6) * 2, offset(1e-18));
    }

    @Test
    void adadeltaSecondStepUsesTheAccumulatedUpdate() {
        ScaleByAdadelta rule = new ScaleByAdadelta(0.9, 1e-6);
        ScaleByAdadelta.Accumulators s = rule.init(1);
        double d1 = apply(rule, s, new double[] {2}, 1)[0];
        double v2 = 0.9 * 0.4 + 0.1 * 1, u1 = 0.1 * d1 * d1;
        assertThat(apply(rule, s, new double[] {1}, 2)[0]).isCloseTo(Math.sqrt(u1 + 1e-6) / Math.sqrt(v2 + 1e-6), offset(1e-18));
    }

    @Test
    void adamaxFirstStepsDivideCorrectedMomentByTheRunningMaxNorm() {
        ScaleByAdamax rule = new ScaleByAdamax(MomentumFactor.fixed(0.9), 0.999, 1e-8);
        ScaleByAdamax.Moments s = rule.init(1);
        assertThat(apply(rule, s, new double[] {-2}, 1)[0]).isCloseTo(-2 / (2 + 1e-8), offset(1e-15));
        // t = 2: m = 0.9·(−0.2) + 0.1·0.5, u = max(0.999·(2 + 1e-8), 0.5 + 1e-8).
        double m = -0.18 + 0.05, u = 0.999 * (2 + 1e-8);
        assertThat(apply(rule, s, new double[] {0.5}, 2)[0]).isCloseTo(m / (1 - 0.81) / u, offset(1e-15));
    }

    @Test
    void nadamFirstStepFollowsTorch113Formula() {
        double beta1 = 0.9, psi = 4e-3, g = 3, eps = 1e-8;
        double mu1 = beta1 * (1 - 0.5 * Math.pow(0.96, psi)), mu2 = beta1 * (1 - 0.5 * Math.pow(0.96, 2 * psi));
        double m = 0.1 * g, denom = Math.sqrt(0.001 * g * g / 0.001) + eps;
        double expected = (1 - mu1) / (1 - mu1) * g / denom + mu2 / (1 - mu1 * mu1 * mu2) * m / denom;
        ScaleByNadam rule = new ScaleByNadam(MomentumFactor.fixed(beta1), 0.999, eps, psi);
        assertThat(apply(rule, rule.init(1), new double[] {g}, 1)[0]).isCloseTo(expected, offset(1e-14));
    }

    @Test
    void radamTakesPlainMomentumStepsUntilTheVarianceIsTractable() {
        ScaleByRadam rule = new ScaleByRadam(MomentumFactor.fixed(0.9), 0.999, 1e-8);
        ScaleByRadam.Moments s = rule.init(1);
        double[] gradients = {1, -2, 0.5, 3, -1, 2};
        double m = 0, v = 0;
        for (int t = 1; t <= 5; t++) {
            double g = gradients[t - 1];
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            assertThat(apply(rule, s, new double[] {g}, t)[0]).as("step %d", t).isCloseTo(m / (1 - Math.pow(0.9, t)), offset(1e-15));
        }
        m = 0.9 * m + 0.1 * 2;
        v = 0.999 * v + 0.001 * 4;
        double rhoInf = 2 / 0.001 - 1, c2 = 1 - Math.pow(0.999, 6), rho = rhoInf - 12 * Math.pow(0.999, 6) / c2;
        assertThat(rho).isGreaterThan(5);
        double r = Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
        double expected = m / (1 - Math.pow(0.9, 6)) * r * Math.sqrt(c2) / (Math.sqrt(v) + 1e-8);
        assertThat(apply(rule, s, new double[] {2}, 6)[0]).isCloseTo(expected, offset(1e-13));
    }

    @Test
    void rpropGrowsOnAgreementAndFreezesACoordinateOnASignFlip() {
        ScaleByRprop rule = new ScaleByRprop(k -> 0.1, 0.5, 1.2, 1e-6, 50);
        ScaleByRprop.Steps s = rule.init(1);
        assertThat(apply(rule, s, new double[] {4}, 1)).containsExactly(0.1);          // factor 1 on the first step
        assertThat(apply(rule, s, new double[] {2}, 2)[0]).isCloseTo(0.12, offset(1e-16));
        assertThat(apply(rule, s, new double[] {-3}, 3)).containsExactly(0.0);          // flip: halve, stay put
        assertThat(s.size[0]).isCloseTo(0.06, offset(1e-16));
        assertThat(apply(rule, s, new double[] {-3}, 4)[0]).isCloseTo(-0.06, offset(1e-16)); // prev was zeroed: factor 1
        assertThat(apply(rule, s, new double[] {0}, 5)).containsExactly(0.0);           // sign(0) = 0
    }

    @Test
    void rpropClampsStepSizesFromTheFirstStep() {
        ScaleByRprop rule = new ScaleByRprop(k -> 100, 0.5, 1.2, 1e-6, 50);
        assertThat(apply(rule, rule.init(1), new double[] {-1}, 1)).containsExactly(-50);
        ScaleByRprop small = new ScaleByRprop(k -> 1e-6, 0.5, 1.2, 1e-6, 50);
        ScaleByRprop.Steps s = small.init(1);
        apply(small, s, new double[] {1}, 1);
        apply(small, s, new double[] {-1}, 2);
        assertThat(s.size[0]).isEqualTo(1e-6);
    }

    @Test
    void quickpropGrowsByMuThenJumpsToTheVertexOfAParabola() {
        // f = (x − 3)², g = 2(x − 3). Step 1: gradient step; step 2: |g| shrank too little, so μ·s;
        // step 3: the secant through two gradients of a parabola lands on its minimum.
        Problem parabola = TestProblems.quadratic(new double[][] {{2}}, new double[] {6});
        double[][] xs = trajectory(new QuickpropSpec(0.1, 1.75, null, null, null, null, null), parabola, k -> 0.1,
                new double[] {0}, 3);
        assertThat(xs[0][0]).isCloseTo(0.6, offset(1e-15));
        assertThat(xs[1][0]).isCloseTo(0.6 + 1.75 * 0.6, offset(1e-15));
        assertThat(xs[2][0]).isCloseTo(3.0, offset(1e-14));
    }

    @Test
    void quickpropFallsBackToAGradientStepWhenTheGradientRepeats() {
        ScaleByQuickprop rule = new ScaleByQuickprop(k -> 0.5, 1.75);
        ScaleByQuickprop.History h = rule.init(1);
        assertThat(apply(rule, h, new double[] {2}, 1)).containsExactly(1.0);
        assertThat(apply(rule, h, new double[] {2}, 2)).containsExactly(1.0);   // g_prev − g = 0
    }

    @Test
    void adamwDecaysTheWeightsOutsideTheMoments() {
        double lr = 0.1, wd = 0.5;
        double[][] xs = trajectory(new AdamWSpec(lr, null, null, null, null, wd, null, null, null, null),
                linear(2), k -> lr, new double[] {1}, 1);
        assertThat(xs[0][0]).isCloseTo(1 * (1 - lr * wd) - lr * 2 / (2 + 1e-8), offset(1e-15));
    }

    @Test
    void nesterovSpecIsMomentumWithNesterovFixed() {
        Problem p = TestProblems.rosenbrock();
        double[] x0 = {-1.2, 1};
        double[][] a = trajectory(new NesterovSpec(1e-3, 0.8, null, null, null, null, null), p, k -> 1e-3, x0, 50);
        double[][] b = trajectory(new MomentumSpec(1e-3, 0.8, 0.0, true, null, null, null, null, null, null), p, k -> 1e-3, x0, 50);
        assertThat(a).isDeepEqualTo(b);
    }

    @Test
    void classicalMomentumKeepsEachGradientAtTheRateOfItsOwnStep() {
        // f = x, μ = 0.5, rate 1, 1, then 0.1 (a step schedule). Classical: v₁ = −1, v₂ = −1.5,
        // v₃ = 0.5·(−1.5) − 0.1 = −0.85. torch: buf = 1, 1.5, 1.75, each step scaled by the current rate.
        Schedule step = k -> k < 2 ? 1.0 : 0.1;
        double[][] classical = trajectory(new MomentumSpec(1.0, 0.5, null, null, "classical", null, null, null, null, null),
                linear(1), step, new double[] {0}, 3);
        double[][] torch = trajectory(new MomentumSpec(1.0, 0.5, null, null, "torch", null, null, null, null, null),
                linear(1), step, new double[] {0}, 3);
        assertThat(classical[0][0]).isEqualTo(-1.0);
        assertThat(classical[1][0]).isEqualTo(-2.5);
        assertThat(classical[2][0]).isCloseTo(-3.35, offset(1e-15));
        assertThat(torch[1][0]).isEqualTo(-2.5);
        assertThat(torch[2][0]).isCloseTo(-2.675, offset(1e-15));
    }

    @Test
    void classicalAndTorchMomentumAgreeAtAConstantRate() {
        Problem p = TestProblems.rosenbrock();
        double[][] classical = trajectory(new MomentumSpec(1e-3, 0.9, null, true, "classical", null, null, null, null, null),
                p, k -> 1e-3, new double[] {-1.2, 1}, 100);
        double[][] torch = trajectory(new MomentumSpec(1e-3, 0.9, null, true, "torch", null, null, null, null, null),
                p, k -> 1e-3, new double[] {-1.2, 1}, 100);
        for (int k = 0; k < 100; k++) assertThat(TorchReference.relativeError(classical[k], torch[k])).isLessThan(1e-12);
    }

    /** A schedule at a constant rate whose momentum is 0.9 − 0.1·step. */
    private static Schedule cyclingMomentum(double lr) {
        return new Schedule() {
            public double at(long step) {
                return lr;
            }

            public double momentumAt(long step) {
                return 0.9 - 0.1 * step;
            }
        };
    }

    @Test
    void scheduledMomentumReplacesTheConfiguredOneFromTheStepAfter() {
        // Step t uses momentumAt(t − 1): buf = 1, 0.8·1 + 1, 0.7·1.8 + 1 (configured momentum 0 ignored).
        double[][] xs = trajectory(new SgdSpec(1.0, 0.0, null, null, null, null, null, null, null),
                linear(1), cyclingMomentum(1.0), new double[] {0}, 3);
        assertThat(xs[0][0]).isEqualTo(-1.0);
        assertThat(xs[1][0]).isCloseTo(-2.8, offset(1e-15));
        assertThat(xs[2][0]).isCloseTo(-5.06, offset(1e-14));
    }

    @Test
    void scheduledMomentumDrivesAdamsBeta1() {
        // t = 2 uses β₁ = 0.8: m = 0.8·(0.1·1) + 0.2·1 (m₁ was made with β₁ = 0.9 = momentumAt(0)).
        double[] g = {1};
        ScaleByAdam adam = new ScaleByAdam(new MomentumFactor(0.5, cyclingMomentum(1)), 0.999, 0, false, true);
        ScaleByAdam.Moments s = adam.init(1);
        apply(adam, s, g, 1);
        assertThat(s.m()[0]).isCloseTo(0.1, offset(1e-16));
        apply(adam, s, g, 2);
        assertThat(s.m()[0]).isCloseTo(0.8 * 0.1 + 0.2, offset(1e-16));
    }

    @Test
    void unscheduledMomentumKeepsTheConfiguredValue() {
        assertThat(new MomentumFactor(0.7, k -> 1.0).at(5)).isEqualTo(0.7);
        assertThat(MomentumFactor.fixed(0.7).at(5)).isEqualTo(0.7);
    }

    static Stream<String> firstOrderTypes() {
        return Stream.of("gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw",
                "adamax", "nadam", "radam", "rprop", "quickprop");
    }

    /** Rates that suit P1 of the conformance data; every other parameter at its default. */
    private static String converging(String type) {
        return switch (type) {
            case "gd", "sgd", "rprop" -> "{\"type\":\"" + type + "\",\"learningRate\":0.1}";
            case "momentum", "nesterov" -> "{\"type\":\"" + type + "\",\"learningRate\":0.05}";
            case "adagrad" -> "{\"type\":\"adagrad\",\"learningRate\":0.5}";
            case "adadelta" -> "{\"type\":\"adadelta\",\"learningRate\":0.5}";
            case "rmsprop" -> "{\"type\":\"rmsprop\",\"learningRate\":0.001,\"momentum\":0.9}";
            case "adamw" -> "{\"type\":\"adamw\",\"learningRate\":0.01,\"weightDecay\":0}";
            case "quickprop" -> "{\"type\":\"quickprop\",\"learningRate\":0.1}";
            default -> "{\"type\":\"" + type + "\",\"learningRate\":0.01}";
        };
    }

    @ParameterizedTest @MethodSource("firstOrderTypes")
    void convergesOnAQuadratic(String type) {
        double[][] a = {{3, 0.5, 0}, {0.5, 2, 0.3}, {0, 0.3, 1}};
        double[] b = {1, -2, 0.5};
        Problem p = TestProblems.quadratic(a, b);
        OptimizerSpec spec = spec(converging(type));
        double lr = spec.learningRate();
        double[][] xs = trajectory(spec, p, k -> lr, new double[3], 4000);
        double[] g = new double[3];
        p.valueAndGradient(xs[xs.length - 1], g);
        assertThat(Arrays.stream(g).map(Math::abs).max().orElseThrow()).as("‖∇f‖∞ of %s", type).isLessThan(1e-3);
    }

    @ParameterizedTest @MethodSource("firstOrderTypes")
    void maximizeAscends(String type) {
        // f = −½‖x‖² + x₁ + x₂ is concave with its maximum 1 at (1, 1).
        Problem concave = TestProblems.quadratic(new double[][] {{-1, 0}, {0, -1}}, new double[] {-1, -1});
        OptimizerSpec spec = spec("{\"type\":\"" + type + "\",\"learningRate\":0.01,\"maximize\":true}");
        Iterate it = TestProblems.start(concave, new double[] {0, 0});
        Optimizer optimizer = spec.create(concave, k -> 0.01, 0);
        double before = it.f();
        for (int t = 1; t <= 20; t++) optimizer.step(it, t);
        assertThat(it.f()).as(type).isGreaterThan(before);
    }
}
