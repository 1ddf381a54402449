package dev.descent.expression;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An expression compiled once to a flat tape of instructions over slots of a work array: slots
 * {@code 0 … inputs−1} hold the inputs (variables, or parameters then per-row variables of a
 * model), then constants and instruction results. Compilation folds constants, removes identities
 * (x+0, x·1, x^1, −(−x); x−x, 0·x and 0/x become 0, which assumes finite values), shares common subexpressions (hash-consing: an instruction with the same
 * operation and operands is made once; operands of commutative operations are ordered), rewrites
 * to the careful primitives (x^2 → square, integer exponents → repeated squaring, e^x → exp,
 * log(1+x) → log1p, exp(x)−1 → expm1, log(1+exp(x)) → a softplus that never overflows) and drops
 * instructions the result does not use.
 *
 * <p>Immutable and safe to share; evaluate with an {@link Evaluator} per thread.
 */
public final class CompiledExpression {
    final int inputs;
    final int slots;      // inputs + constants + instruction results + 1 sink
    final int sink;       // the unused second operand of unary instructions
    final int output;
    final double[] template;
    final int[] op, a, b, dest;
    final double[] param;
    /**
     * Per instruction: whether the reverse sweep skips it on an exactly zero adjoint. Only where a
     * local partial can be infinite or NaN (0·∞ would give NaN); not for −a, a ± b and a·c with c a
     * finite constant, whose partials are ±1 or c, so they run unconditionally. Both the
     * interpreter and the generated code read this, so they agree bit for bit.
     */
    final boolean[] skipsZeroAdjoint;
    /**
     * Per instruction: whether its term for operand a (b) is the first the reverse sweep gives that
     * slot, which it then stores (w = term) rather than adds to a zero (w = 0 + term, which would turn
     * a −0 into +0): the instruction is the last on the tape to read the slot. For an instruction
     * that reads one slot twice, the term for a comes first. The interpreter and the generated code
     * both follow these flags, so they agree bit for bit.
     */
    final boolean[] storesA, storesB;
    private final List<String> inputNames;
    private Program program;        // made on the first evaluator(), guarded by this
    private boolean programTried;

    private CompiledExpression(List<String> inputNames, int slots, int output, double[] template,
                               int[] op, int[] a, int[] b, int[] dest, double[] param) {
        this.inputNames = List.copyOf(inputNames);
        this.inputs = inputNames.size();
        this.slots = slots;
        this.sink = slots - 1;
        this.output = output;
        this.template = template;
        this.op = op;
        this.a = a;
        this.b = b;
        this.dest = dest;
        this.param = param;
        boolean[] result = new boolean[slots];
        for (int d : dest) result[d] = true;
        this.skipsZeroAdjoint = new boolean[op.length];
        for (int i = 0; i < op.length; i++) {
            int code = op[i];
            boolean linear = code == Ops.NEG || code == Ops.ADD || code == Ops.SUB
                    || code == Ops.MUL && (finiteConstant(a[i], result) || finiteConstant(b[i], result));
            skipsZeroAdjoint[i] = !linear;
        }
        int[] lastReader = new int[slots];
        Arrays.fill(lastReader, -1);
        for (int i = 0; i < op.length; i++) {
            lastReader[a[i]] = i;
            if (Ops.binary(op[i])) lastReader[b[i]] = i;
        }
        this.storesA = new boolean[op.length];
        this.storesB = new boolean[op.length];
        for (int i = 0; i < op.length; i++) {
            storesA[i] = lastReader[a[i]] == i;
            storesB[i] = Ops.binary(op[i]) && b[i] != a[i] && lastReader[b[i]] == i;
        }
    }

    private boolean finiteConstant(int slot, boolean[] result) {
        return slot >= inputs && slot != sink && !result[slot] && Double.isFinite(template[slot]);
    }

    /** Parses and compiles; {@code inputNames} are every name the text may use, in slot order. */
    public static CompiledExpression parse(String text, List<String> inputNames, ExpressionLimits limits) {
        return compile(ExpressionParser.parse(text, inputNames, limits), inputNames);
    }

    /** Compiles a syntax tree whose variables index into {@code inputNames}. */
    public static CompiledExpression compile(Node root, List<String> inputNames) {
        Builder builder = new Builder(inputNames.size());
        int out = builder.build(root);
        return builder.finish(inputNames, out);
    }

    /** The names of the inputs, in the order of the input array. */
    public List<String> inputNames() {
        return inputNames;
    }

    /** Number of inputs (the length of the input array). */
    public int inputs() {
        return inputs;
    }

    /** Number of instructions on the tape after folding, sharing and dead-code removal. */
    public int instructions() {
        return op.length;
    }

    /**
     * Fresh work arrays for evaluating this expression; one per thread or per run. The first call
     * also turns the tape into bytecode ({@link BytecodeCompiler}), which values and gradients then
     * run; results are the interpreter's, bit for bit.
     */
    public Evaluator evaluator() {
        return new Evaluator(this, program());
    }

    /** An evaluator that interprets the tape: the reference the generated code is tested against. */
    Evaluator interpreter() {
        return new Evaluator(this, null);
    }

    /** Whether evaluators run generated bytecode (false for an empty or very long tape, or when disabled). */
    boolean generated() {
        return program() != null;
    }

    private synchronized Program program() {
        if (!programTried) {
            programTried = true;
            program = BytecodeCompiler.compile(this);
        }
        return program;
    }

    /** The tape, one instruction per line, for tests and debugging. */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < op.length; i++) {
            sb.append('s').append(dest[i]).append(" = ").append(Ops.NAMES[op[i]]).append(" s").append(a[i]);
            if (Ops.binary(op[i])) sb.append(" s").append(b[i]);
            if (op[i] == Ops.POWI || op[i] == Ops.POWC) sb.append(" ").append(param[i]);
            sb.append('\n');
        }
        return sb.append("out s").append(output).toString();
    }

    /** Builds the tape bottom-up, folding and sharing as it goes. */
    private static final class Builder {
        private static final int INPUT = -1, CONSTANT = -2;
        private record Key(int op, int a, int b, long param) {}

        private final int inputs;
        private int count;
        private int[] kind = new int[64], left = new int[64], right = new int[64];
        private double[] value = new double[64], parameter = new double[64];
        private final Map<Key, Integer> instructions = new HashMap<>();
        private final Map<Long, Integer> constants = new HashMap<>();

        Builder(int inputs) {
            this.inputs = inputs;
            for (int i = 0; i < inputs; i++) add(INPUT, 0, 0, 0, 0);
        }

        private int add(int k, int l, int r, double v, double p) {
            if (count == kind.length) {
                int size = count * 2;
                kind = Arrays.copyOf(kind, size);
                left = Arrays.copyOf(left, size);
                right = Arrays.copyOf(right, size);
                value = Arrays.copyOf(value, size);
                parameter = Arrays.copyOf(parameter, size);
            }
            kind[count] = k;
            left[count] = l;
            right[count] = r;
            value[count] = v;
            parameter[count] = p;
            return count++;
        }

        int constant(double v) {
            return constants.computeIfAbsent(Double.doubleToRawLongBits(v), bits -> add(CONSTANT, 0, 0, v, 0));
        }

        private boolean isConstant(int s, double v) {
            return kind[s] == CONSTANT && value[s] == v;
        }

        private boolean isConstant(int s) {
            return kind[s] == CONSTANT;
        }

        /** Post-order walk with an explicit stack: a long sum is a deep chain. */
        int build(Node root) {
            ArrayDeque<Object> work = new ArrayDeque<>();
            int[] results = new int[16];
            int top = 0;
            work.push(root);
            while (!work.isEmpty()) {
                Object item = work.pop();
                if (item instanceof Node node) {
                    if (node instanceof Node.Constant c) {
                        if (top == results.length) results = Arrays.copyOf(results, top * 2);
                        results[top++] = constant(c.value());
                    } else if (node instanceof Node.Variable v) {
                        if (top == results.length) results = Arrays.copyOf(results, top * 2);
                        results[top++] = v.index();
                    } else if (node instanceof Node.Negate n) {
                        work.push(new Pending(node));
                        work.push(n.operand());
                    } else if (node instanceof Node.Binary bn) {
                        work.push(new Pending(node));
                        work.push(bn.right());
                        work.push(bn.left());
                    } else {
                        Node.Call call = (Node.Call) node;
                        work.push(new Pending(node));
                        for (int i = call.arguments().size() - 1; i >= 0; i--) work.push(call.arguments().get(i));
                    }
                } else {
                    Node node = ((Pending) item).node();
                    int s;
                    if (node instanceof Node.Negate) {
                        s = unary(Ops.NEG, results[--top]);
                    } else if (node instanceof Node.Binary bn) {
                        int r = results[--top], l = results[--top];
                        s = binary(bn.operator(), l, r);
                    } else {
                        Node.Call call = (Node.Call) node;
                        if (call.arguments().size() == 2) {
                            int r = results[--top], l = results[--top];
                            s = op(Ops.of(call.function()), l, r, 0);
                        } else {
                            s = unary(Ops.of(call.function()), results[--top]);
                        }
                    }
                    if (top == results.length) results = Arrays.copyOf(results, top * 2);
                    results[top++] = s;
                }
            }
            return results[0];
        }

        private record Pending(Node node) {}

        private int binary(Node.Operator operator, int l, int r) {
            return switch (operator) {
                case ADD -> {
                    if (isConstant(r, 0)) yield l;
                    if (isConstant(l, 0)) yield r;
                    yield op(Ops.ADD, l, r, 0);
                }
                case SUBTRACT -> {
                    if (isConstant(r, 0)) yield l;
                    if (l == r) yield constant(0);
                    if (isConstant(l, 0)) yield unary(Ops.NEG, r);
                    if (isConstant(r, 1) && kind[l] == Ops.EXP) yield unary(Ops.EXPM1, left[l]);
                    yield op(Ops.SUB, l, r, 0);
                }
                case MULTIPLY -> {
                    if (isConstant(r, 0) || isConstant(l, 0)) yield constant(0);
                    if (isConstant(r, 1)) yield l;
                    if (isConstant(l, 1)) yield r;
                    if (isConstant(r, -1)) yield unary(Ops.NEG, l);
                    if (isConstant(l, -1)) yield unary(Ops.NEG, r);
                    yield op(Ops.MUL, l, r, 0);
                }
                case DIVIDE -> isConstant(r, 1) ? l : isConstant(l, 0) ? constant(0) : op(Ops.DIV, l, r, 0);
                case POWER -> power(l, r);
            };
        }

        private int power(int base, int exponent) {
            if (!isConstant(exponent)) {
                if (isConstant(base, Math.E)) return unary(Ops.EXP, exponent);
                return op(Ops.POW, base, exponent, 0);
            }
            double k = value[exponent];
            if (isConstant(base)) return constant(Math.pow(value[base], k));
            if (k == 0) return constant(1); // as Math.pow: x^0 = 1 for every x, NaN included
            if (k == 1) return base;
            if (k == 2) return unary(Ops.SQUARE, base);
            if (k == Math.rint(k) && Math.abs(k) <= Ops.MAX_INTEGER_EXPONENT) return op(Ops.POWI, base, base, k);
            return op(Ops.POWC, base, base, k);
        }

        private int unary(int code, int x) {
            if (code == Ops.NEG && kind[x] == Ops.NEG) return left[x];
            if (code == Ops.LOG && kind[x] == Ops.ADD) {
                if (isConstant(left[x], 1)) return unary(Ops.LOG1P, right[x]);
                if (isConstant(right[x], 1)) return unary(Ops.LOG1P, left[x]);
            }
            if (code == Ops.LOG1P && kind[x] == Ops.EXP) return unary(Ops.SOFTPLUS, left[x]);
            return op(code, x, x, 0);
        }

        /** The shared instruction {@code code(l, r; p)}, folded when its operands are constants. */
        private int op(int code, int l, int r, double p) {
            boolean binary = Ops.binary(code);
            if (!binary) r = l;
            if (isConstant(l) && isConstant(r)) return constant(Ops.value(code, value[l], value[r], p));
            if (binary && Ops.commutative(code) && l > r) {
                int t = l;
                l = r;
                r = t;
            }
            Key key = new Key(code, l, r, Double.doubleToRawLongBits(p));
            Integer existing = instructions.get(key);
            if (existing != null) return existing;
            int s = add(code, l, r, 0, p);
            instructions.put(key, s);
            return s;
        }

        CompiledExpression finish(List<String> names, int out) {
            // Keep only what the output depends on; slots are renumbered densely.
            boolean[] live = new boolean[count];
            live[out] = true;
            for (int s = count - 1; s >= 0; s--) {
                if (live[s] && kind[s] >= 0) {
                    live[left[s]] = true;
                    live[right[s]] = true;
                }
            }
            int[] renumber = new int[count];
            int next = 0, instructionCount = 0;
            for (int s = 0; s < count; s++) {
                if (s < inputs || live[s]) renumber[s] = next++;
                if (live[s] && kind[s] >= 0) instructionCount++;
            }
            int slots = next + 1;
            int sink = slots - 1;
            double[] template = new double[slots];
            int[] op = new int[instructionCount], a = new int[instructionCount], b = new int[instructionCount],
                    dest = new int[instructionCount];
            double[] param = new double[instructionCount];
            int i = 0;
            for (int s = inputs; s < count; s++) {
                if (!live[s]) continue;
                if (kind[s] == CONSTANT) {
                    template[renumber[s]] = value[s];
                } else {
                    op[i] = kind[s];
                    a[i] = renumber[left[s]];
                    b[i] = Ops.binary(kind[s]) ? renumber[right[s]] : sink;
                    dest[i] = renumber[s];
                    param[i] = parameter[s];
                    i++;
                }
            }
            return new CompiledExpression(names, slots, renumber[out], template, op, a, b, dest, param);
        }
    }
}
