package dev.descent.expression;

import java.util.List;

/**
 * The immutable syntax tree of an expression, exactly as written: no folding or rewriting (that
 * happens when it is compiled). Trees can be deep (a long sum is a left-leaning chain), so code that
 * walks them iterates with an explicit stack instead of recursing.
 */
public sealed interface Node {

    /** A number or a named constant ({@code pi}, {@code e}). */
    record Constant(double value) implements Node {}

    /** A declared name; {@code index} is its position in the declared names. */
    record Variable(String name, int index) implements Node {}

    /** Unary minus. */
    record Negate(Node operand) implements Node {}

    /** {@code left op right}. */
    record Binary(Operator operator, Node left, Node right) implements Node {}

    /** A function applied to its arguments (one, or two for min and max). */
    record Call(Function function, List<Node> arguments) implements Node {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** The binary operators. */
    enum Operator {
        ADD('+'), SUBTRACT('-'), MULTIPLY('*'), DIVIDE('/'), POWER('^');

        private final char symbol;

        Operator(char symbol) {
            this.symbol = symbol;
        }

        public char symbol() {
            return symbol;
        }
    }
}
