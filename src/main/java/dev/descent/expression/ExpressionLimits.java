package dev.descent.expression;

/**
 * Caps that keep hostile input cheap: characters, nesting depth (parentheses, unary minus, right
 * operands of {@code ^} and function calls each add a level) and syntax-tree nodes.
 */
public record ExpressionLimits(int maxLength, int maxDepth, int maxNodes) {
    public static final int DEFAULT_MAX_LENGTH = 10_000;
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_NODES = 100_000;

    public ExpressionLimits {
        if (maxLength < 1 || maxDepth < 1 || maxNodes < 1) throw new IllegalArgumentException("limits must be positive");
    }

    public static ExpressionLimits defaults() {
        return new ExpressionLimits(DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES);
    }

    /** The default depth and node caps with another length cap (descent.limits.max-expression-length). */
    public static ExpressionLimits ofLength(int maxLength) {
        return new ExpressionLimits(maxLength, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES);
    }
}
