package dev.descent.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledExpressionTest {
    static CompiledExpression compile(String text, String... names) {
        return CompiledExpression.parse(text, List.of(names), ExpressionLimits.defaults());
    }

    @Test
    void constantsAreFoldedAndIdentitiesRemoved() {
        CompiledExpression c = compile("(2 + 3) * x * 1 + 0 + (2^3^2 - 512) + x^1 + --y", "x", "y");
        // 5·x, + x, + y: a multiply and two additions.
        assertThat(c.instructions()).as(c.listing()).isEqualTo(3);
        assertThat(c.evaluator().value(new double[] {2, 7})).isEqualTo(19);
        assertThat(compile("sin(pi/2) * exp(0) + log(e)", "x").instructions()).isZero();
    }

    @Test
    void commonSubexpressionsAreComputedOnce() {
        // (x − y)² appears three times, once with the operands of the product swapped.
        CompiledExpression c = compile("(x-y)^2 + exp((x-y)^2) + (x*y)*(x-y)^2 + (y*x)", "x", "y");
        // x−y, square, exp, x·y, (x·y)·sq, and three additions.
        assertThat(c.instructions()).as(c.listing()).isEqualTo(8);
    }

    @Test
    void unusedInstructionsAreDropped() {
        // exp(x) is absorbed into the softplus and must not stay on the tape.
        CompiledExpression c = compile("log(1 + exp(x))", "x");
        assertThat(c.listing()).isEqualTo("s1 = softplus s0\nout s1");
    }

    @Test
    void evaluationAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Evaluator ev = compile("(1-x)^2 + 100*(y-x^2)^2 + exp(-x*y) + max(x, y)^3", "x", "y").evaluator();
        double[] x = {-1.2, 1}, g = new double[2], h = new double[4];
        for (int i = 0; i < 20_000; i++) {  // warm-up, JIT included
            x[0] = -1.2 + 1e-6 * i;
            ev.value(x);
            ev.valueAndGradient(x, g);
            ev.hessian(x, g, h);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            x[0] = -1.2 + 1e-6 * i;
            sum += ev.value(x) + ev.valueAndGradient(x, g) + ev.hessian(x, g, h);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(sum).isFinite();
        // 300,000 evaluations; a single allocation each would be megabytes.
        assertThat(allocated).isLessThan(64 * 1024);
    }

    @Test
    void oneCompiledExpressionServesIndependentEvaluators() {
        CompiledExpression c = compile("x*y", "x", "y");
        Evaluator first = c.evaluator(), second = c.evaluator();
        assertThat(first).isNotSameAs(second);
        double[] g = new double[2];
        first.valueAndGradient(new double[] {2, 3}, g);
        assertThat(second.value(new double[] {5, 7})).isEqualTo(35);
        assertThat(g).containsExactly(3, 2);
        assertThat(c.inputNames()).containsExactly("x", "y");
        assertThat(c.inputs()).isEqualTo(2);
    }
}
