package dev.descent.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * AD against finite differences on seeded random expressions and points. A centered difference is
 * only a trustworthy referee where it is stable, so a coordinate counts only when the differences
 * with steps h and 2h agree (which excludes points next to a kink of abs, min or max, or a pole),
 * and only where every subexpression is finite (no overflowed branch).
 */
class AutomaticDifferentiationTest {
    static final int VARIABLES = 3;
    static final double H = 1e-5;

    @Test
    void compiledValuesMatchADirectInterpretationOfTheTree() {
        RandomExpressions random = new RandomExpressions(new Random(1), VARIABLES);
        int compared = 0;
        for (int k = 0; k < 3000; k++) {
            String text = random.next(5);
            Node tree = ExpressionParser.parse(text, RandomExpressions.names(VARIABLES));
            Evaluator ev = CompiledExpression.compile(tree, RandomExpressions.names(VARIABLES)).evaluator();
            double[] x = random.point();
            double expected = Reference.evaluate(tree, x), actual = ev.value(x);
            if (!Double.isFinite(expected)) continue;
            compared++;
            assertThat(actual).as(text).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
            double[] g = new double[VARIABLES];
            assertThat(ev.valueAndGradient(x, g)).as(text).isEqualTo(actual);
        }
        assertThat(compared).isGreaterThan(2000);
    }

    @Test
    void gradientsAgreeWithCenteredDifferences() {
        RandomExpressions random = new RandomExpressions(new Random(2), VARIABLES);
        int compared = 0;
        for (int k = 0; k < 3000; k++) {
            String text = random.next(5);
            Node tree = ExpressionParser.parse(text, RandomExpressions.names(VARIABLES));
            Evaluator ev = CompiledExpression.compile(tree, RandomExpressions.names(VARIABLES)).evaluator();
            double[] x = random.point(), g = new double[VARIABLES];
            double f = ev.valueAndGradient(x, g);
            if (!Reference.allFinite(tree, x) || Math.abs(f) > 1e6) continue;
            for (int i = 0; i < VARIABLES; i++) {
                double d1 = difference(ev, x, i, H), d2 = difference(ev, x, i, 2 * H);
                double scale = Math.max(1, Math.abs(d1));
                if (!Double.isFinite(d1) || Math.abs(d1 - d2) > 1e-7 * scale) continue;
                compared++;
                assertThat(g[i]).as("∂/∂x%d of %s at %s", i, text, java.util.Arrays.toString(x))
                        .isCloseTo(d1, within(1e-6 * scale));
            }
        }
        assertThat(compared).isGreaterThan(5000);
    }

    @Test
    void hessiansAgreeWithDifferencesOfGradientsAndAreSymmetric() {
        RandomExpressions random = new RandomExpressions(new Random(3), VARIABLES);
        int compared = 0;
        int n = VARIABLES;
        for (int k = 0; k < 2000; k++) {
            String text = random.next(4);
            Node tree = ExpressionParser.parse(text, RandomExpressions.names(n));
            Evaluator ev = CompiledExpression.compile(tree, RandomExpressions.names(n)).evaluator();
            double[] x = random.point(), g = new double[n], h = new double[n * n];
            double f = ev.hessian(x, g, h);
            if (!Reference.allFinite(tree, x) || Math.abs(f) > 1e6) continue;
            double[] g0 = new double[n];
            assertThat(ev.valueAndGradient(x, g0)).isEqualTo(f);
            assertThat(g).containsExactly(g0);
            for (int j = 0; j < n; j++) {
                double[] d1 = gradientDifference(ev, x, j, H), d2 = gradientDifference(ev, x, j, 2 * H);
                for (int i = 0; i < n; i++) {
                    double scale = Math.max(1, Math.abs(d1[i]));
                    if (!Double.isFinite(d1[i]) || Math.abs(d1[i] - d2[i]) > 1e-7 * scale) continue;
                    compared++;
                    assertThat(h[i * n + j]).as("H[%d][%d] of %s at %s", i, j, text, java.util.Arrays.toString(x))
                            .isCloseTo(d1[i], within(1e-6 * scale));
                }
                for (int i = 0; i < j; i++) assertThat(h[i * n + j]).isEqualTo(h[j * n + i]);
            }
        }
        assertThat(compared).isGreaterThan(5000);
    }

    @Test
    void modelGradientCoversOnlyTheLeadingParameters() {
        // model(t; a, b) = a·exp(b·t): inputs [a, b, t]; ∂/∂a = exp(bt), ∂/∂b = a·t·exp(bt).
        Evaluator ev = CompiledExpression.parse("a*exp(b*t)", List.of("a", "b", "t"), ExpressionLimits.defaults()).evaluator();
        double[] in = {2, -0.5, 0}, g = new double[2];
        for (double t : new double[] {0, 1, 2}) {
            in[2] = t;
            double m = ev.valueAndGradient(in, g);
            assertThat(m).isCloseTo(2 * Math.exp(-0.5 * t), within(1e-15));
            assertThat(g[0]).isCloseTo(Math.exp(-0.5 * t), within(1e-15));
            assertThat(g[1]).isCloseTo(2 * t * Math.exp(-0.5 * t), within(1e-15));
        }
    }

    @Test
    void primitivesFollowTheDocumentedConventionsAtTheirEdges() {
        List<String> x = List.of("x");
        assertThat(gradient("abs(x)", x, 0)).isEqualTo(0.0);
        assertThat(gradient("sqrt(x)", x, 0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("x^0.5", x, -4)).isNaN();
        assertThat(value("x^3", x, -2)).isEqualTo(-8.0);
        assertThat(gradient("x^3", x, -2)).isEqualTo(12.0);
        assertThat(value("x^-2", x, 0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("x^0", x, Double.NaN)).isEqualTo(1.0);
        assertThat(gradient("max(x, 1)", x, 1)).isEqualTo(1.0);
        assertThat(gradient("2^x", x, 3)).isCloseTo(8 * Math.log(2), within(1e-14));
        assertThat(gradient("x^x", x, 0)).isNaN().as("0·∞ from the base; the exponent's derivative is 0 there");
        // log(1 + exp(x)) never overflows: it is compiled to a softplus.
        assertThat(value("log(1 + exp(x))", x, 1000)).isEqualTo(1000.0);
        assertThat(gradient("log(1 + exp(x))", x, 1000)).isEqualTo(1.0);
        assertThat(value("log(1 + exp(x))", x, -1000)).isEqualTo(0.0);
        // log(1 + x) and exp(x) − 1 keep their precision near 0.
        assertThat(value("log(1 + x)", x, 1e-20)).isEqualTo(1e-20);
        assertThat(value("exp(x) - 1", x, 1e-20)).isEqualTo(1e-20);
    }

    static double value(String text, List<String> names, double at) {
        return CompiledExpression.parse(text, names, ExpressionLimits.defaults()).evaluator().value(new double[] {at});
    }

    static double gradient(String text, List<String> names, double at) {
        double[] g = new double[1];
        CompiledExpression.parse(text, names, ExpressionLimits.defaults()).evaluator().valueAndGradient(new double[] {at}, g);
        return g[0];
    }

    static double difference(Evaluator ev, double[] x, int i, double h) {
        double[] y = x.clone();
        y[i] = x[i] + h;
        double up = ev.value(y);
        y[i] = x[i] - h;
        double down = ev.value(y);
        return (up - down) / (2 * h);
    }

    static double[] gradientDifference(Evaluator ev, double[] x, int j, double h) {
        int n = x.length;
        double[] y = x.clone(), up = new double[n], down = new double[n], d = new double[n];
        y[j] = x[j] + h;
        ev.valueAndGradient(y, up);
        y[j] = x[j] - h;
        ev.valueAndGradient(y, down);
        for (int i = 0; i < n; i++) d[i] = (up[i] - down[i]) / (2 * h);
        return d;
    }
}
