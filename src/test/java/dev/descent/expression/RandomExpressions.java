package dev.descent.expression;

import java.util.Random;

/** Seeded random expressions over x0 … x(n−1), for property tests. */
final class RandomExpressions {
    private static final String[] UNARY = {"exp", "log", "sqrt", "sin", "cos", "tan", "atan", "abs", "tanh", "sinh",
            "cosh", "log1p", "expm1"};
    private final Random random;
    private final int variables;

    RandomExpressions(Random random, int variables) {
        this.random = random;
        this.variables = variables;
    }

    String next(int depth) {
        if (depth == 0 || random.nextInt(5) == 0) return leaf();
        return switch (random.nextInt(12)) {
            case 0, 1 -> next(depth - 1) + " + " + next(depth - 1);
            case 2 -> next(depth - 1) + " - " + next(depth - 1);
            case 3, 4 -> "(" + next(depth - 1) + ") * (" + next(depth - 1) + ")";
            case 5 -> "(" + next(depth - 1) + ") / (" + (1 + random.nextInt(3)) + " + (" + next(depth - 1) + ")^2)";
            case 6 -> "(" + next(depth - 1) + ")^" + exponent();
            case 7 -> "-" + "(" + next(depth - 1) + ")";
            case 8 -> (random.nextBoolean() ? "min(" : "max(") + next(depth - 1) + ", " + next(depth - 1) + ")";
            case 9 -> "exp(" + next(depth - 1) + " / 4)^(" + next(depth - 1) + ")";  // variable exponent, positive base
            case 10 -> "log(1 + exp(" + next(depth - 1) + "))";                      // becomes a softplus
            default -> UNARY[random.nextInt(UNARY.length)] + "(" + next(depth - 1) + ")";
        };
    }

    private String exponent() {
        return switch (random.nextInt(4)) {
            case 0 -> "2";
            case 1 -> Integer.toString(3 + random.nextInt(3));
            case 2 -> "-" + (1 + random.nextInt(2));
            default -> String.format(java.util.Locale.ROOT, "%.2f", 0.5 + 2 * random.nextDouble());
        };
    }

    private String leaf() {
        if (random.nextInt(4) == 0) {
            return switch (random.nextInt(4)) {
                case 0 -> "pi";
                case 1 -> Integer.toString(1 + random.nextInt(4));
                default -> String.format(java.util.Locale.ROOT, "%.3f", 3 * random.nextDouble());
            };
        }
        return "x" + random.nextInt(variables);
    }

    double[] point() {
        double[] x = new double[variables];
        for (int i = 0; i < variables; i++) x[i] = 4 * random.nextDouble() - 2;
        return x;
    }

    static java.util.List<String> names(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "x" + i).toList();
    }
}
