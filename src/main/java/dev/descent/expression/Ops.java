package dev.descent.expression;

/**
 * Instruction codes of the tape and their scalar semantics. Each instruction computes y = φ(a, b)
 * (b unused by unary ones); {@link Evaluator} also needs ∂φ/∂a, ∂φ/∂b and the second partials.
 *
 * <p>Conventions where the calculus has no answer: d|a|/da = 0 at a = 0 (a subgradient); min and
 * max pass the derivative to the first operand on a tie; d√a/da = +∞ at a = 0; a non-integer power
 * of a negative base is NaN, as is the derivative of a^b with respect to a variable exponent b when
 * a &lt; 0 (it is taken as 0 when a = 0).
 */
final class Ops {
    private Ops() {}

    static final int NEG = 0, ADD = 1, SUB = 2, MUL = 3, DIV = 4, POW = 5, POWI = 6, POWC = 7, SQUARE = 8,
            EXP = 9, LOG = 10, SQRT = 11, SIN = 12, COS = 13, TAN = 14, ATAN = 15, ABS = 16, TANH = 17,
            SINH = 18, COSH = 19, LOG1P = 20, EXPM1 = 21, MIN = 22, MAX = 23, SOFTPLUS = 24;

    static final String[] NAMES = {"neg", "add", "sub", "mul", "div", "pow", "powi", "powc", "square", "exp", "log",
            "sqrt", "sin", "cos", "tan", "atan", "abs", "tanh", "sinh", "cosh", "log1p", "expm1", "min", "max",
            "softplus"};

    /** Integer exponents up to this size are computed by repeated squaring. */
    static final int MAX_INTEGER_EXPONENT = 1024;

    static boolean binary(int op) {
        return op == ADD || op == SUB || op == MUL || op == DIV || op == POW || op == MIN || op == MAX;
    }

    static boolean commutative(int op) {
        return op == ADD || op == MUL || op == MIN || op == MAX;
    }

    static int of(Function f) {
        return switch (f) {
            case EXP -> EXP;
            case LOG -> LOG;
            case SQRT -> SQRT;
            case SIN -> SIN;
            case COS -> COS;
            case TAN -> TAN;
            case ATAN -> ATAN;
            case ABS -> ABS;
            case TANH -> TANH;
            case SINH -> SINH;
            case COSH -> COSH;
            case LOG1P -> LOG1P;
            case EXPM1 -> EXPM1;
            case MIN -> MIN;
            case MAX -> MAX;
        };
    }

    /** φ(a, b) with parameter p (the exponent of POWI and POWC). */
    static double value(int op, double a, double b, double p) {
        return switch (op) {
            case NEG -> -a;
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case POWI -> ipow(a, (int) p);
            case POWC -> Math.pow(a, p);
            case SQUARE -> a * a;
            case EXP -> Math.exp(a);
            case LOG -> Math.log(a);
            case SQRT -> Math.sqrt(a);
            case SIN -> Math.sin(a);
            case COS -> Math.cos(a);
            case TAN -> Math.tan(a);
            case ATAN -> Math.atan(a);
            case ABS -> Math.abs(a);
            case TANH -> Math.tanh(a);
            case SINH -> Math.sinh(a);
            case COSH -> Math.cosh(a);
            case LOG1P -> Math.log1p(a);
            case EXPM1 -> Math.expm1(a);
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case SOFTPLUS -> softplus(a);
            default -> throw new IllegalStateException("op " + op);
        };
    }

    /** ∂(aᵇ)/∂b from a and y = aᵇ: y·log a for a &gt; 0, 0 at a = 0, NaN for a &lt; 0. */
    static double powExponentPartial(double a, double y) {
        return a > 0 ? y * Math.log(a) : a == 0 ? 0 : Double.NaN;
    }

    /** ∂min(a, b)/∂a and ∂min(a, b)/∂b: the derivative goes to the first operand on a tie. */
    static double minFirst(double a, double b) {
        return a <= b ? 1 : 0;
    }

    static double minSecond(double a, double b) {
        return a <= b ? 0 : 1;
    }

    /** ∂max(a, b)/∂a and ∂max(a, b)/∂b: the derivative goes to the first operand on a tie. */
    static double maxFirst(double a, double b) {
        return a >= b ? 1 : 0;
    }

    static double maxSecond(double a, double b) {
        return a >= b ? 0 : 1;
    }

    /** aᵏ by repeated squaring, exact for small k where the products are exact. */
    static double ipow(double a, int k) {
        if (k < 0) return 1 / ipow(a, -k);
        double result = 1, base = a;
        while (k != 0) {
            if ((k & 1) != 0) result *= base;
            k >>>= 1;
            if (k != 0) base *= base;
        }
        return result;
    }

    /** log(1 + eᵃ) without overflow: max(a, 0) + log1p(e^−|a|). */
    static double softplus(double a) {
        return Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
    }

    /** 1/(1 + e^−a) without overflow. */
    static double sigmoid(double a) {
        if (a >= 0) return 1 / (1 + Math.exp(-a));
        double e = Math.exp(a);
        return e / (1 + e);
    }
}
