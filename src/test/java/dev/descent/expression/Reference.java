package dev.descent.expression;

/** A direct, recursive interpretation of a syntax tree: the independent answer compiled code is checked against. */
final class Reference {
    private Reference() {}

    static double evaluate(Node node, double[] x) {
        if (node instanceof Node.Constant c) return c.value();
        if (node instanceof Node.Variable v) return x[v.index()];
        if (node instanceof Node.Negate n) return -evaluate(n.operand(), x);
        if (node instanceof Node.Binary b) {
            double l = evaluate(b.left(), x), r = evaluate(b.right(), x);
            return switch (b.operator()) {
                case ADD -> l + r;
                case SUBTRACT -> l - r;
                case MULTIPLY -> l * r;
                case DIVIDE -> l / r;
                case POWER -> Math.pow(l, r);
            };
        }
        Node.Call call = (Node.Call) node;
        double u = evaluate(call.arguments().get(0), x);
        return switch (call.function()) {
            case EXP -> Math.exp(u);
            case LOG -> Math.log(u);
            case SQRT -> Math.sqrt(u);
            case SIN -> Math.sin(u);
            case COS -> Math.cos(u);
            case TAN -> Math.tan(u);
            case ATAN -> Math.atan(u);
            case ABS -> Math.abs(u);
            case TANH -> Math.tanh(u);
            case SINH -> Math.sinh(u);
            case COSH -> Math.cosh(u);
            case LOG1P -> Math.log1p(u);
            case EXPM1 -> Math.expm1(u);
            case MIN -> Math.min(u, evaluate(call.arguments().get(1), x));
            case MAX -> Math.max(u, evaluate(call.arguments().get(1), x));
        };
    }

    /** Whether every subexpression is finite at x (AD through an overflowed branch has no meaning). */
    static boolean allFinite(Node node, double[] x) {
        if (!Double.isFinite(evaluate(node, x))) return false;
        if (node instanceof Node.Negate n) return allFinite(n.operand(), x);
        if (node instanceof Node.Binary b) return allFinite(b.left(), x) && allFinite(b.right(), x);
        if (node instanceof Node.Call c) return c.arguments().stream().allMatch(a -> allFinite(a, x));
        return true;
    }
}
