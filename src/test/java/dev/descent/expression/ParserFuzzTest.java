package dev.descent.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: seeded random strings and mutations of valid expressions. The parser may only
 * answer with a tree or a {@link ParseException}; anything that parses must compile and evaluate
 * without throwing. It runs on a thread with a 256 KiB stack, a quarter of a request thread's, so a
 * recursion that depended on the input would overflow here first.
 */
class ParserFuzzTest {
    static final List<String> NAMES = List.of("x", "y", "z_1");
    static final String ALPHABET = "xyz_1 0123456789.eE+-*/^(),  \t\npiexpsqrtlogmaxmin#$@!;'\"[]{}\\\u00e9\u0000\u2212\uD83D\uDE00";
    static final String[] SEEDS = {
            "(1-x)^2 + 100*(y-x^2)^2", "-x^2", "2^3^2", "max(x, y) - min(z_1, 1e-3)", "exp(-x^2/2)/sqrt(2*pi)",
            "log(1 + exp(x*y))", "a", "sin(x)*cos(y) + tan(z_1)/atan(x)", "abs(x)^0.5 + log1p(y) - expm1(z_1)",
            "((((x))))", "x/y/z_1", "1.5e+10*x - .25E-3", "tanh(sinh(cosh(x)))"};

    @Test
    void randomAndMutatedInputsOnlyEverRaiseParseException() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int[] counts = new int[2];
        Thread t = new Thread(null, () -> {
            try {
                fuzz(counts);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "fuzz", 256 * 1024);
        long start = System.nanoTime();
        t.start();
        t.join(60_000);
        assertThat(t.isAlive()).as("the fuzz run hangs").isFalse();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertThat(counts[0] + counts[1]).isGreaterThanOrEqualTo(50_000);
        assertThat(counts[0]).as("some inputs parse").isGreaterThan(1000);
        assertThat(counts[1]).as("some inputs are rejected").isGreaterThan(10_000);
        assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(20);
    }

    private static void fuzz(int[] counts) {
        Random random = new Random(20240501L);
        ExpressionLimits limits = new ExpressionLimits(200_000, 64, 100_000);
        List<String> inputs = new ArrayList<>();
        for (int k = 0; k < 50_000; k++) {
            inputs.clear();
            switch (k % 5) {
                case 0, 1 -> inputs.add(randomString(random, random.nextInt(60)));
                case 2, 3 -> inputs.add(mutate(random, SEEDS[random.nextInt(SEEDS.length)]));
                default -> inputs.add(nasty(random));
            }
            for (String input : inputs) {
                try {
                    Node tree = ExpressionParser.parse(input, NAMES, limits);
                    Evaluator ev = CompiledExpression.compile(tree, NAMES).evaluator();
                    double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
                    double[] g = new double[3], h = new double[9];
                    ev.value(x);
                    ev.valueAndGradient(x, g);
                    if (input.length() < 300) ev.hessian(x, g, h);
                    counts[0]++;
                } catch (ParseException e) {
                    assertThat(e.getMessage()).isNotBlank();
                    assertThat(e.column()).isBetween(0, input.length() + 1);
                    counts[1]++;
                }
            }
        }
    }

    static String randomString(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    static String mutate(Random random, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !sb.isEmpty(); e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 3 -> {
                    int end = Math.min(sb.length(), at + 1 + random.nextInt(8));
                    sb.insert(random.nextInt(sb.length()), sb.substring(at, end));
                }
                default -> sb.replace(at, Math.min(sb.length(), at + 3), SEEDS[random.nextInt(SEEDS.length)]);
            }
        }
        return sb.toString();
    }

    /** Long and deep: runs of openers, unary minus, powers and calls, balanced or not. */
    static String nasty(Random random) {
        int n = random.nextInt(50) == 0 ? 100_000 : 10 + random.nextInt(1_000);
        return switch (random.nextInt(8)) {
            case 0 -> "(".repeat(n) + "x" + ")".repeat(random.nextInt(n + 1));
            case 1 -> "-".repeat(n) + "x";
            case 2 -> "x" + "^x".repeat(n);
            case 3 -> "exp(".repeat(n) + "x" + ")".repeat(n);
            case 4 -> "x" + "+x".repeat(n);
            case 5 -> "max(x,".repeat(Math.min(n, 63)) + "y" + ")".repeat(Math.min(n, 63));
            case 6 -> "1" + "0".repeat(n) + "e" + random.nextInt(1000);
            default -> "-(".repeat(n / 2) + "x";
        };
    }
}
