package dev.descent.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bytecode made from a tape ({@link BytecodeCompiler}) against the interpreter of the same tape:
 * values and gradients identical bit for bit (signed zeros, infinities and NaN included) on seeded
 * random expressions, at ordinary points and at points that hit poles, kinks and overflow; and
 * tapes long enough to be split over many methods.
 */
class GeneratedCodeTest {
    static final int VARIABLES = 3;

    @Test
    void randomExpressionsGiveTheInterpretersValuesAndGradientsBitForBit() {
        RandomExpressions random = new RandomExpressions(new Random(11), VARIABLES);
        List<String> names = RandomExpressions.names(VARIABLES);
        int generated = 0;
        for (int k = 0; k < 3000; k++) {
            String text = random.next(1 + k % 6);
            CompiledExpression c = CompiledExpression.parse(text, names, ExpressionLimits.defaults());
            assertThat(c.generated()).as(text).isEqualTo(c.instructions() > 0);
            if (c.generated()) generated++;
            Evaluator fast = c.evaluator(), reference = c.interpreter();
            for (int p = 0; p < 4; p++) {
                double[] x = p < 3 ? random.point() : new double[] {0, -0.0, 1};
                assertSame(text, x, fast, reference);
            }
        }
        assertThat(generated).isGreaterThan(2000);
    }

    @Test
    void aTapeSplitOverManyMethodsGivesTheInterpretersResults() {
        Random random = new Random(12);
        int n = 400;
        List<String> names = RandomExpressions.names(n);
        RandomExpressions terms = new RandomExpressions(random, n);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            if (i > 0) text.append(i % 3 == 0 ? " - " : " + ");
            text.append('(').append(terms.next(3)).append(')');
        }
        for (int i = 0; i + 1 < n; i += 2) text.append(" + 100*(x").append(i + 1).append(" - x").append(i).append("^2)^2");
        CompiledExpression c = CompiledExpression.parse(text.toString(), names, ExpressionLimits.ofLength(1_000_000));
        assertThat(c.instructions()).isGreaterThan(3000);
        assertThat(c.generated()).isTrue();
        Evaluator fast = c.evaluator(), reference = c.interpreter();
        for (int p = 0; p < 20; p++) assertSame("long sum", terms.point(), fast, reference);
    }

    @Test
    void aTapeSplitOverManyMethodsAllocatesNothingPerEvaluation() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int n = 200;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i += 2) {
            text.append(i == 0 ? "" : " + ").append("100*(x").append(i + 1).append(" - x").append(i).append("^2)^2 + exp(-x")
                    .append(i).append("^2)*sin(x").append(i + 1).append(")");
        }
        CompiledExpression c = CompiledExpression.parse(text.toString(), RandomExpressions.names(n), ExpressionLimits.ofLength(1_000_000));
        assertThat(c.generated()).isTrue();
        Evaluator ev = c.evaluator();
        double[] x = new double[n], g = new double[n];
        Arrays.fill(x, 0.5);
        for (int i = 0; i < 20_000; i++) ev.valueAndGradient(x, g);
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) sum += ev.value(x) + ev.valueAndGradient(x, g);
        assertThat(sum).isFinite();
        assertThat(threads.getThreadAllocatedBytes(id) - before).isLessThan(64 * 1024);
    }

    /** The extended Rosenbrock function of n variables, as the benchmark writes it. */
    static CompiledExpression rosenbrock(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i += 2) {
            text.append(i == 0 ? "" : " + ").append("100*(x").append(i + 1).append(" - x").append(i).append("^2)^2 + (1 - x")
                    .append(i).append(")^2");
        }
        return CompiledExpression.parse(text.toString(), RandomExpressions.names(n), ExpressionLimits.ofLength(1_000_000));
    }

    @Test
    void mediumTapesRunInOneMethodAndLongerOnesInFewMethods() {
        // Sizes the benchmark notes rely on: Rosenbrock n = 100 (399 instructions) fits one fused
        // method; n = 150 (599) one forward and two reverse methods, each under HotSpot's 8,000 bytes.
        assertThat(BytecodeCompiler.fusedBytes(rosenbrock(100))).isLessThan(BytecodeCompiler.CHUNK_BYTES);
        CompiledExpression c = rosenbrock(150);
        assertThat(BytecodeCompiler.fusedBytes(c)).isEqualTo(Integer.MAX_VALUE);
        BytecodeCompiler.Writer writer = new BytecodeCompiler.Writer(c);
        writer.write();
        assertThat(writer.methods).isEqualTo(3);
        Random random = new Random(13);
        for (CompiledExpression e : List.of(rosenbrock(100), c)) {
            Evaluator fast = e.evaluator(), reference = e.interpreter();
            for (int p = 0; p < 20; p++) {
                double[] x = new double[e.inputs()];
                for (int i = 0; i < x.length; i++) x[i] = p == 0 ? (i % 2 == 0 ? -1.2 : 1) : p == 1 ? 1 : 4 * random.nextGaussian();
                assertSame("rosenbrock " + x.length, x, fast, reference);
            }
        }
    }

    @Test
    void linearInstructionsRunOnAZeroAdjointAlikeInBothPaths() {
        // 0·(a − b) has a zero adjoint into a − b and b, which the reverse sweep no longer skips for
        // linear operations: the signed zeros must still agree.
        String[] texts = {"0*(x - y) + z", "-(x - y)*0 + y*z", "x*z - (y - x)*z", "min(x - y, 1/z)", "sqrt(x - x + y)*z"};
        for (String text : texts) {
            CompiledExpression c = CompiledExpression.parse(text, List.of("x", "y", "z"), ExpressionLimits.defaults());
            Evaluator fast = c.evaluator(), reference = c.interpreter();
            for (double[] x : new double[][] {{0, -0.0, 0}, {-0.0, 0, -0.0}, {1, 1, 0}, {1, 1, -0.0}, {2, 3, 1.0 / 0}}) {
                assertSame(text, x, fast, reference);
            }
        }
    }

    @Test
    void aSumWhoseTermsShareInputsAddsEachAdjointsTermsInTheInterpretersOrder() {
        // One fused method runs each term's reverse step soon after its forward code; an input read
        // by many terms must still sum their terms last term first, as the interpreter does.
        // Different orders of these 20 terms of different sizes round differently.
        StringBuilder text = new StringBuilder();
        for (int k = 1; k <= 20; k++) {
            text.append(k == 1 ? "" : " + ").append("sin(").append(k).append(".3*x)*exp(y/").append(k)
                    .append(") + (z - ").append(k).append("*x)^2/").append(k + 1);
        }
        CompiledExpression c = CompiledExpression.parse(text.toString(), List.of("x", "y", "z"), ExpressionLimits.defaults());
        assertThat(BytecodeCompiler.fusedBytes(c)).isLessThan(BytecodeCompiler.CHUNK_BYTES);
        Evaluator fast = c.evaluator(), reference = c.interpreter();
        Random random = new Random(14);
        for (int p = 0; p < 50; p++) {
            assertSame("shared inputs", new double[] {random.nextGaussian(), random.nextGaussian(), 3 * random.nextGaussian()}, fast, reference);
        }
    }

    @Test
    void aSlotsFirstTermIsStoredSoNegativeZeroGradientsStayNegativeInBothPaths() {
        // ∂(x·y)/∂x = y: at y = −0 the gradient is −0 (not 0 + (−0) = +0), in both paths.
        CompiledExpression c = CompiledExpression.parse("x*y + sin(y)", List.of("x", "y"), ExpressionLimits.defaults());
        assertThat(c.generated()).isTrue();
        for (Evaluator ev : List.of(c.evaluator(), c.interpreter())) {
            double[] g = new double[2];
            ev.valueAndGradient(new double[] {2, -0.0}, g);
            assertThat(bits(g[0])).isEqualTo(bits(-0.0));
            assertThat(g[1]).isEqualTo(3.0);
        }
    }

    @Test
    void aGradientShorterThanTheInputsOrInTheInputArrayItselfIsTheInterpreters() {
        // The fused method writes a gradient long enough in place; a shorter one (a model's
        // parameters) or the input array itself go through the evaluator's adjoints.
        CompiledExpression c = CompiledExpression.parse("a*exp(b*t) + sin(a*t)", List.of("a", "b", "t"), ExpressionLimits.defaults());
        assertThat(c.generated()).isTrue();
        double[] x = {0.5, -0.3, 2};
        double[] expected = new double[3];
        double f = c.interpreter().valueAndGradient(x, expected);
        Evaluator ev = c.evaluator();
        double[] parameters = new double[2];
        assertThat(ev.valueAndGradient(x, parameters)).isEqualTo(f);
        assertThat(parameters).containsExactly(expected[0], expected[1]);
        double[] same = x.clone();
        assertThat(ev.valueAndGradient(same, same)).isEqualTo(f);
        assertThat(same).containsExactly(expected);
    }

    @Test
    void inputsTheExpressionDoesNotUseGetAZeroGradientEveryTime() {
        CompiledExpression c = CompiledExpression.parse("x*x + sin(z)", List.of("x", "y", "z"), ExpressionLimits.defaults());
        assertThat(c.generated()).isTrue();
        Evaluator ev = c.evaluator();
        double[] g = {7, 7, 7};
        ev.valueAndGradient(new double[] {2, 5, 0}, g);
        assertThat(g).containsExactly(4, 0, 1);
        ev.valueAndGradient(new double[] {3, 5, 0}, g);
        assertThat(g).containsExactly(6, 0, 1);
    }

    @Test
    void expressionsWithoutInstructionsAreInterpreted() {
        CompiledExpression x = CompiledExpression.parse("x", List.of("x", "y"), ExpressionLimits.defaults());
        CompiledExpression two = CompiledExpression.parse("1 + 1", List.of("x"), ExpressionLimits.defaults());
        assertThat(x.generated()).isFalse();
        assertThat(two.generated()).isFalse();
        double[] g = new double[2];
        assertThat(x.evaluator().valueAndGradient(new double[] {3, 4}, g)).isEqualTo(3);
        assertThat(g).containsExactly(1, 0);
        assertThat(two.evaluator().value(new double[] {3})).isEqualTo(2);
    }

    static void assertSame(String text, double[] x, Evaluator fast, Evaluator reference) {
        String at = text + " at " + Arrays.toString(x);
        assertThat(bits(fast.value(x))).as("value of %s", at).isEqualTo(bits(reference.value(x)));
        int n = x.length;
        double[] g = new double[n], h = new double[n];
        Arrays.fill(g, 42);
        long f = bits(fast.valueAndGradient(x, g)), r = bits(reference.valueAndGradient(x, h));
        assertThat(f).as("value with the gradient of %s", at).isEqualTo(r);
        for (int i = 0; i < n; i++) assertThat(bits(g[i])).as("∂/∂x%d of %s: %s vs %s", i, at, g[i], h[i]).isEqualTo(bits(h[i]));
    }

    /** Bits, with every NaN the same: NaN payloads are not part of the contract. */
    static long bits(double v) {
        return Double.doubleToLongBits(v);
    }
}
