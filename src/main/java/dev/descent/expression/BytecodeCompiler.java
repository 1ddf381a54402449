package dev.descent.expression;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ACC_SYNTHETIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.DADD;
import static org.objectweb.asm.Opcodes.DALOAD;
import static org.objectweb.asm.Opcodes.DASTORE;
import static org.objectweb.asm.Opcodes.DCMPL;
import static org.objectweb.asm.Opcodes.DCONST_0;
import static org.objectweb.asm.Opcodes.DCONST_1;
import static org.objectweb.asm.Opcodes.DDIV;
import static org.objectweb.asm.Opcodes.DLOAD;
import static org.objectweb.asm.Opcodes.DMUL;
import static org.objectweb.asm.Opcodes.DNEG;
import static org.objectweb.asm.Opcodes.DRETURN;
import static org.objectweb.asm.Opcodes.DSTORE;
import static org.objectweb.asm.Opcodes.DSUB;
import static org.objectweb.asm.Opcodes.DUP2;
import static org.objectweb.asm.Opcodes.DUP2_X2;
import static org.objectweb.asm.Opcodes.POP2;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Turns a tape into straight-line JVM bytecode (with ASM), loaded as a hidden class that can be
 * unloaded with its expression: the forward sweep computes each instruction's value from the
 * values before it, the reverse sweep each adjoint from the local partials, recomputed from the
 * stored values with exactly the expressions the interpreter in {@link Evaluator} uses, in the same
 * order, so results agree bit for bit (Java has no floating-point contraction, and {@code Math}
 * functions give the same result wherever they run). Only the fixed operations of {@link Ops} are
 * ever emitted; the user's text decides which of them and on which slots, never anything else.
 *
 * <p>Values and adjoints live in local variables within a method, which the JIT keeps in registers;
 * long tapes are cut into methods of under {@value #CHUNK_BYTES} bytes of bytecode, below
 * HotSpot's limit for compiling a method at all (8,000 bytes), and hand values and adjoints over
 * through the evaluator's arrays. A zero adjoint skips its instruction where the interpreter skips
 * it too ({@link CompiledExpression#skipsZeroAdjoint}: not for −a, a ± b, a·c). A slot's first term
 * is stored, as in the interpreter ({@link CompiledExpression#storesA}), so the adjoint array needs
 * no clearing. Adjoints that do not depend on the inputs (the output's 1, passed down through sums,
 * differences and constant factors: every term of a sum that is the output has adjoint 1) are
 * worked out once here, with the interpreter's operations, and cost no code. The reverse sweep
 * reads a value its partial uses once straight from the value array; one it uses twice goes to a
 * local first.
 */
final class BytecodeCompiler {
    private BytecodeCompiler() {}

    /** Whether to generate at all ({@code -Ddescent.expression.bytecode=false} keeps the interpreter). */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("descent.expression.bytecode"));
    /** Tapes longer than this stay with the interpreter (generation time, constant pool size). */
    static final int MAX_INSTRUCTIONS = 50_000;
    static final int CHUNK_BYTES = 7000;
    /** For tests and the benchmark notes: bytes of the single fused method, or MAX_VALUE. */
    static int fusedBytes(CompiledExpression e) {
        return new Writer(e).fused(new MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {});
    }

    private static final String NAME = "dev/descent/expression/GeneratedProgram";
    private static final String SUPER = "dev/descent/expression/Program";
    private static final String OPS = "dev/descent/expression/Ops";
    private static final String D_D = "(D)D", DD_D = "(DD)D";

    /** The program for {@code e}, or null where the interpreter is used. */
    static Program compile(CompiledExpression e) {
        int n = e.op.length;
        if (!ENABLED || n == 0 || n > MAX_INSTRUCTIONS || e.dest[n - 1] != e.output) return null;
        try {
            Writer writer = new Writer(e);
            byte[] bytes = writer.write();
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            Program program = (Program) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
            program.inputs = e.inputs;
            program.output = e.output;
            program.direct = writer.fused;
            return program;
        } catch (Throwable t) {
            if (t instanceof Error error && !(t instanceof LinkageError)) throw error;
            return null; // class too large for the constant pool, or the like: the interpreter is exact too
        }
    }

    /** Emits into one method, counting (an upper bound of) the bytes of code written. */
    private static final class Code {
        final MethodVisitor mv;
        int bytes;
        int nextLocal;
        private int[] free = new int[16]; // locals released for reuse: small indices keep the code short
        private int freeCount;

        Code(MethodVisitor mv, int firstLocal) {
            this.mv = mv;
            this.nextLocal = firstLocal;
        }

        int newLocal() {
            if (freeCount > 0) return free[--freeCount];
            int l = nextLocal;
            nextLocal += 2;
            return l;
        }

        void release(int local) {
            if (freeCount == free.length) free = Arrays.copyOf(free, 2 * freeCount);
            free[freeCount++] = local;
        }

        void insn(int opcode) {
            mv.visitInsn(opcode);
            bytes += 1;
        }

        void var(int opcode, int index) {
            mv.visitVarInsn(opcode, index);
            bytes += index <= 3 ? 1 : index <= 255 ? 2 : 4;
        }

        void push(int value) {
            if (value >= 0 && value <= 5) {
                mv.visitInsn(ICONST_0 + value);
                bytes += 1;
            } else if (value >= -128 && value <= 127) {
                mv.visitIntInsn(BIPUSH, value);
                bytes += 2;
            } else if (value >= -32768 && value <= 32767) {
                mv.visitIntInsn(SIPUSH, value);
                bytes += 3;
            } else {
                mv.visitLdcInsn(value);
                bytes += 3;
            }
        }

        void constant(double value) {
            if (Double.doubleToRawLongBits(value) == 0) {
                insn(DCONST_0);
            } else if (value == 1) {
                insn(DCONST_1);
            } else {
                mv.visitLdcInsn(value);
                bytes += 3;
            }
        }

        void call(String owner, String name, String descriptor) {
            mv.visitMethodInsn(INVOKESTATIC, owner, name, descriptor, false);
            bytes += 3;
        }

        void math(String name, String descriptor) {
            call("java/lang/Math", name, descriptor);
        }
    }

    static final class Writer {
        private static final int CONST = 0, ARRAY = 1, LOCAL = 2, DONE = 3; // where an adjoint is

        private final CompiledExpression e;
        private final int[] op, a, b, dest;
        private final double[] param;
        private final int[] definedBy;   // instruction that computes a slot, −1 for inputs and constants
        private final int[] valueLocal;  // per method: the local caching v[slot], or −1
        private final int[] adjointState, adjointLocal;
        private final double[] adjointValue; // an adjoint in state CONST: its value so far
        private final boolean[] known;       // adjoint fixed at generation time, knownValue: no code at all
        private final double[] knownValue;
        private final int[] needs;           // per instruction: which of x, z, y its reverse step reads
        private final int[] readerStart, readers; // per slot: the instructions reading it, ascending
        private final int[] reverseReads, pendingReads; // per slot: reverse steps reading its value (still to come)
        private final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        private int bytes; // of the last method written
        int methods;       // forward and reverse methods written
        boolean fused;     // whether valueAndGradient runs one fused method (which writes w[0 … inputs−1] only)
        private final int[] lastUse;            // last instruction reading a slot as an operand, −1 if none
        private final boolean[] readInReverse;  // a value some reverse step reads
        private static final int X = 1, Z = 2, Y = 4;

        Writer(CompiledExpression e) {
            this.e = e;
            this.op = e.op;
            this.a = e.a;
            this.b = e.b;
            this.dest = e.dest;
            this.param = e.param;
            int slots = e.slots;
            definedBy = new int[slots];
            Arrays.fill(definedBy, -1);
            for (int i = 0; i < op.length; i++) definedBy[dest[i]] = i;
            valueLocal = new int[slots];
            adjointState = new int[slots];
            adjointLocal = new int[slots];
            adjointValue = new double[slots];
            known = new boolean[slots];
            knownValue = new double[slots];
            fixAdjoints();
            lastUse = new int[slots];
            Arrays.fill(lastUse, -1);
            readerStart = new int[slots + 1];
            for (int i = 0; i < op.length; i++) {
                lastUse[a[i]] = i;
                readerStart[a[i] + 1]++;
                if (Ops.binary(op[i]) && b[i] != a[i]) {
                    lastUse[b[i]] = i;
                    readerStart[b[i] + 1]++;
                }
            }
            for (int s = 0; s < slots; s++) readerStart[s + 1] += readerStart[s];
            readers = new int[readerStart[slots]];
            int[] fill = Arrays.copyOf(readerStart, slots);
            for (int i = 0; i < op.length; i++) {
                readers[fill[a[i]]++] = i;
                if (Ops.binary(op[i]) && b[i] != a[i]) readers[fill[b[i]]++] = i;
            }
            needs = new int[op.length];
            readInReverse = new boolean[slots];
            reverseReads = new int[slots];
            pendingReads = new int[slots];
            for (int i = 0; i < op.length; i++) {
                int need = needs[i] = needs(i);
                if ((need & X) != 0) reverseReads[a[i]]++;
                if ((need & Z) != 0 && !((need & X) != 0 && b[i] == a[i])) reverseReads[b[i]]++;
                if ((need & Y) != 0) reverseReads[dest[i]]++;
            }
            for (int s = 0; s < slots; s++) readInReverse[s] = reverseReads[s] > 0;
        }

        /**
         * The adjoints known before any input is: the interpreter's reverse sweep replayed with the
         * output's adjoint 1 and the terms whose partials do not depend on values (−a, a ± b, a·c, a/c
         * for a constant c), with the same double operations in the same order. A slot that any term
         * computed at run time reaches is not known.
         */
        private void fixAdjoints() {
            boolean[] runtime = new boolean[e.slots];
            knownValue[e.output] = 1;
            for (int i = op.length - 1; i >= 0; i--) {
                int y = dest[i];
                if (!runtime[y] && knownValue[y] == 0 && e.skipsZeroAdjoint[i]) continue; // skipped
                for (int operand = 0; operand < 2; operand++) {
                    int s = operand == 0 ? a[i] : b[i];
                    if (operand == 1 && !Ops.binary(op[i]) || isConstant(s)) continue;
                    double p = constantPartial(i, operand);
                    if (runtime[y] || Double.isNaN(p)) {
                        runtime[s] = true;
                    } else if (operand == 0 ? e.storesA[i] : e.storesB[i]) {
                        knownValue[s] = knownValue[y] * p;
                    } else if (!runtime[s]) {
                        knownValue[s] = knownValue[s] + knownValue[y] * p;
                    }
                }
            }
            for (int s = 0; s < e.slots; s++) known[s] = !runtime[s];
        }

        /** ∂y/∂a (operand 0) or ∂y/∂b (1) of instruction i where no value decides it, else NaN. */
        private double constantPartial(int i, int operand) {
            return switch (op[i]) {
                case Ops.NEG -> -1.0;
                case Ops.ADD -> 1.0;
                case Ops.SUB -> operand == 0 ? 1.0 : -1.0;
                case Ops.MUL -> {
                    int other = operand == 0 ? b[i] : a[i];
                    yield isConstant(other) ? e.template[other] : Double.NaN;
                }
                case Ops.DIV -> operand == 0 && isConstant(b[i]) ? 1 / e.template[b[i]] : Double.NaN;
                default -> Double.NaN;
            };
        }

        /** Which of x = v[a], z = v[b], y = v[dest] the reverse step of instruction i reads. */
        private int needs(int i) {
            int y = dest[i];
            if (known[y] && knownValue[y] == 0 && e.skipsZeroAdjoint[i]) return 0;
            int code = op[i], r = 0;
            if (!isConstant(a[i]) && !known[a[i]] && (!known[y] || Double.isNaN(constantPartial(i, 0)))) r |= readsA(code);
            if (Ops.binary(code) && !isConstant(b[i]) && !known[b[i]] && (!known[y] || Double.isNaN(constantPartial(i, 1)))) {
                r |= readsB(code);
            }
            return r;
        }

        private boolean isConstant(int slot) {
            return slot >= e.inputs && definedBy[slot] < 0;
        }

        byte[] write() {
            cw.visit(V17, ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, NAME, null, SUPER, null);
            MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
            init.visitCode();
            init.visitVarInsn(ALOAD, 0);
            init.visitMethodInsn(INVOKESPECIAL, SUPER, "<init>", "()V", false);
            init.visitInsn(RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();

            List<String> forwards = new ArrayList<>();
            for (int from = 0; from < op.length; ) from = forwardChunk(from, "f" + forwards.size(), forwards);
            List<String> reverses = new ArrayList<>();
            resetAdjoints();
            for (int to = op.length; to > 0; ) to = reverseChunk(to, "r" + reverses.size(), reverses);
            methods = forwards.size() + reverses.size();
            // One method for both sweeps where it fits (it stores no values, so it can fit where the
            // chunks above together do not): measured first with a visitor that writes nothing.
            if (fused(new MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {}) < CHUNK_BYTES) {
                fused = true;
                fused(cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "fused", "([D[D)D", null, null));
                MethodVisitor vg = cw.visitMethod(0, "valueAndGradient", "([D[D[D)D", null, null);
                vg.visitCode();
                vg.visitVarInsn(ALOAD, 1);
                vg.visitVarInsn(ALOAD, 3);
                vg.visitMethodInsn(INVOKESTATIC, NAME, "fused", "([D[D)D", false);
                vg.visitInsn(DRETURN);
                vg.visitMaxs(0, 0);
                vg.visitEnd();
            }

            MethodVisitor f = cw.visitMethod(0, "forward", "([D)V", null, null);
            f.visitCode();
            for (String name : forwards) {
                f.visitVarInsn(ALOAD, 1);
                f.visitMethodInsn(INVOKESTATIC, NAME, name, "([D)V", false);
            }
            f.visitInsn(RETURN);
            f.visitMaxs(0, 0);
            f.visitEnd();
            MethodVisitor r = cw.visitMethod(0, "reverse", "([D[D)V", null, null);
            r.visitCode();
            for (String name : reverses) {
                r.visitVarInsn(ALOAD, 1);
                r.visitVarInsn(ALOAD, 2);
                r.visitMethodInsn(INVOKESTATIC, NAME, name, "([D[D)V", false);
            }
            r.visitInsn(RETURN);
            r.visitMaxs(0, 0);
            r.visitEnd();
            cw.visitEnd();
            return cw.toByteArray();
        }

        /** Pushes the value of a slot: a constant, a cached local, or v[slot] (then cached). */
        private void value(Code c, int slot) {
            if (isConstant(slot)) {
                c.constant(e.template[slot]);
            } else if (valueLocal[slot] >= 0) {
                c.var(DLOAD, valueLocal[slot]);
            } else {
                c.var(ALOAD, 0);
                c.push(slot);
                c.insn(DALOAD);
                c.insn(DUP2);
                int l = c.newLocal();
                c.var(DSTORE, l);
                valueLocal[slot] = l;
            }
        }

        /** {@code static void fK(double[] v)}: instructions from {@code from} on; returns where it stopped. */
        private int forwardChunk(int from, String name, List<String> names) {
            names.add(name);
            MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, "([D)V", null, null);
            mv.visitCode();
            Arrays.fill(valueLocal, -1);
            int end = forward(new Code(new MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {}, 1), from, op.length, -1);
            Code c = new Code(mv, 1);
            Arrays.fill(valueLocal, -1);
            int i = forward(c, from, end, end);
            c.insn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            bytes = c.bytes;
            return i;
        }

        /**
         * Values of the instructions from {@code from} up to {@code to} (or fewer, by the byte count)
         * into locals; slots not yet in locals are read from the array in local 0. A value goes to
         * that array too if the reverse sweep reads it or an instruction from {@code end} on does
         * ({@code end} −1: every value, as for measuring; {@code Integer.MAX_VALUE}: none, and locals
         * the reverse sweep reads are kept, as in the fused method). Returns where it stopped.
         */
        private int forward(Code c, int from, int to, int end) {
            boolean fused = end == Integer.MAX_VALUE;
            int i = from;
            while (i < to && c.bytes < CHUNK_BYTES) {
                int code = op[i], y = dest[i];
                boolean store = !fused && (end < 0 || readInReverse[y] || lastUse[y] >= end || y == e.output);
                if (store) {
                    c.var(ALOAD, 0);
                    c.push(y);
                }
                value(c, a[i]);
                if (Ops.binary(code)) value(c, b[i]);
                switch (code) {
                    case Ops.NEG -> c.insn(DNEG);
                    case Ops.ADD -> c.insn(DADD);
                    case Ops.SUB -> c.insn(DSUB);
                    case Ops.MUL -> c.insn(DMUL);
                    case Ops.DIV -> c.insn(DDIV);
                    case Ops.SQUARE -> {
                        c.insn(DUP2);
                        c.insn(DMUL);
                    }
                    case Ops.POW -> c.math("pow", DD_D);
                    case Ops.POWI -> {
                        c.push((int) param[i]);
                        c.call(OPS, "ipow", "(DI)D");
                    }
                    case Ops.POWC -> {
                        c.constant(param[i]);
                        c.math("pow", DD_D);
                    }
                    case Ops.MIN -> c.math("min", DD_D);
                    case Ops.MAX -> c.math("max", DD_D);
                    case Ops.ABS -> c.math("abs", D_D);
                    case Ops.SOFTPLUS -> c.call(OPS, "softplus", D_D);
                    default -> c.math(Ops.NAMES[code], D_D); // exp, log, sqrt, sin, …: Math's own names
                }
                if (store) {  // v, slot, y → y, v, slot, y → y
                    c.insn(DUP2_X2);
                    c.insn(DASTORE);
                }
                if (lastUse[y] > i || (fused && (readInReverse[y] || y == e.output))) {
                    int l = c.newLocal();
                    c.var(DSTORE, l);
                    valueLocal[y] = l;
                } else {
                    c.insn(POP2);
                }
                release(c, a[i], i, fused);
                if (b[i] != a[i] && Ops.binary(code)) release(c, b[i], i, fused);
                i++;
            }
            return i;
        }

        /** Frees the local of a value no instruction after i reads (nor, in the fused method, the reverse sweep). */
        private void release(Code c, int slot, int i, boolean fused) {
            if (valueLocal[slot] >= 0 && lastUse[slot] == i && !(fused && pendingReads[slot] > 0)) {
                c.release(valueLocal[slot]);
                valueLocal[slot] = -1;
            }
        }

        /** Which of x, z, y the partial ∂y/∂a of an operation reads. */
        private static int readsA(int code) {
            return switch (code) {
                case Ops.MUL, Ops.DIV -> Z;
                case Ops.POW, Ops.MIN, Ops.MAX -> X | Z;
                case Ops.SQUARE, Ops.POWI, Ops.POWC, Ops.LOG, Ops.SIN, Ops.COS, Ops.ATAN, Ops.ABS, Ops.SINH, Ops.COSH,
                        Ops.LOG1P, Ops.EXPM1, Ops.SOFTPLUS -> X;
                case Ops.EXP, Ops.SQRT, Ops.TAN, Ops.TANH -> Y;
                default -> 0;
            };
        }

        /** Which of x, z, y the partial ∂y/∂b of a binary operation reads. */
        private static int readsB(int code) {
            return switch (code) {
                case Ops.MUL -> X;
                case Ops.DIV -> Y | Z;
                case Ops.POW -> X | Y;
                case Ops.MIN, Ops.MAX -> X | Z;
                default -> 0;
            };
        }

        /** Makes the adjoint of a slot a local of this method, from its known value or from w[slot]. */
        private int ensureLocal(Code c, int slot, List<Integer> touched) {
            if (adjointState[slot] == LOCAL) return adjointLocal[slot];
            int l = c.newLocal();
            if (adjointState[slot] == CONST) {
                c.constant(adjointValue[slot]);
            } else {
                c.var(ALOAD, 1);
                c.push(slot);
                c.insn(DALOAD);
            }
            c.var(DSTORE, l);
            return newAdjointLocal(slot, l, touched);
        }

        private int newAdjointLocal(int slot, int l, List<Integer> touched) {
            adjointState[slot] = LOCAL;
            adjointLocal[slot] = l;
            touched.add(slot);
            return l;
        }

        /** Every adjoint back to what nothing has reached yet: known ones are fixed, others 0. */
        private void resetAdjoints() {
            Arrays.fill(adjointState, CONST);
            Arrays.fill(adjointValue, 0.0);
        }

        /**
         * {@code static void rK(double[] v, double[] w)}: instructions below {@code to}, last first;
         * returns where it stopped. Adjoints of slots computed before this method's instructions are
         * handed back through w.
         */
        private int reverseChunk(int to, String name, List<String> names) {
            names.add(name);
            MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, "([D[D)V", null, null);
            mv.visitCode();
            Code c = new Code(mv, 2);
            Arrays.fill(valueLocal, -1);
            int stoppedAt = reverse(c, to);
            c.insn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            bytes = c.bytes;
            return stoppedAt;
        }

        /**
         * Reverse steps of the instructions below {@code to}, last first, with values from the array
         * in local 0 and adjoints handed over through the array in local 1. Returns where it stopped.
         */
        private int reverse(Code c, int to) {
            List<Integer> handBack = new ArrayList<>(); // adjoints made locals here
            int i = to - 1;
            while (i >= 0 && c.bytes < CHUNK_BYTES) {
                step(c, i, handBack);
                i--;
            }
            // Whatever this method did not cover is left to the next one; hand adjoints over.
            for (int slot : handBack) {
                if (adjointState[slot] != LOCAL) continue; // consumed here
                c.var(ALOAD, 1);
                c.push(slot);
                c.var(DLOAD, adjointLocal[slot]);
                c.insn(DASTORE);
                adjointState[slot] = ARRAY;
            }
            int stoppedAt = i + 1;
            if (stoppedAt == 0) {
                for (int input = 0; input < e.inputs; input++) {
                    if (!known[input] && adjointState[input] == ARRAY) continue;
                    c.var(ALOAD, 1);
                    c.push(input);
                    c.constant(known[input] ? knownValue[input] : adjointValue[input]);
                    c.insn(DASTORE);
                }
            }
            return stoppedAt;
        }

        /**
         * {@code static double fused(double[] in, double[] w)} for a tape that fits one method: both
         * sweeps over the same locals, inputs read where they are, no values stored. Each reverse
         * step comes as soon after the forward code as it can: once its adjoint is complete (or known
         * at generation time, as the terms of a sum whose adjoint is) and every later reader of its
         * operands has added its term, so that each adjoint still sums its terms in the interpreter's
         * order. A long sum then no longer runs its forward chain of additions before any of the
         * reverse sweep: the processor overlaps the two. A gradient entry is written as soon as it is
         * complete. Returns the bytes of code written, or {@link Integer#MAX_VALUE} where the tape
         * does not fit one method.
         */
        private int fused(MethodVisitor mv) {
            resetAdjoints();
            mv.visitCode();
            Code c = new Code(mv, 2);
            Arrays.fill(valueLocal, -1);
            int[] remaining = new int[e.slots]; // reverse steps still to add a term to each slot
            for (int s = 0; s < e.slots; s++) remaining[s] = readerStart[s + 1] - readerStart[s];
            System.arraycopy(reverseReads, 0, pendingReads, 0, e.slots);
            List<Integer> touched = new ArrayList<>();
            int[] waiting = new int[op.length]; // forward code written, reverse step not yet
            int count = 0;
            for (int i = 0; i < op.length; i++) {
                if (forward(c, i, i + 1, Integer.MAX_VALUE) != i + 1) return Integer.MAX_VALUE;
                waiting[count++] = i;
                for (boolean progress = true; progress; ) {
                    progress = false;
                    for (int k = count - 1; k >= 0; k--) {
                        int j = waiting[k];
                        if (!ready(j, remaining)) continue;
                        step(c, j, touched);
                        stepped(c, j, i, remaining);
                        System.arraycopy(waiting, k + 1, waiting, k, count - k - 1);
                        count--;
                        progress = true;
                    }
                }
                if (c.bytes >= CHUNK_BYTES) return Integer.MAX_VALUE;
            }
            if (count != 0) throw new IllegalStateException("reverse steps left: " + count);
            for (int input = 0; input < e.inputs; input++) {
                if (known[input]) storeGradient(c, input);
            }
            c.var(DLOAD, valueLocal[e.output]);
            c.insn(DRETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return c.bytes < CHUNK_BYTES ? c.bytes : Integer.MAX_VALUE;
        }

        /** Whether the reverse step of j can come now (its forward code is written). */
        private boolean ready(int j, int[] remaining) {
            int y = dest[j];
            if (!known[y] && remaining[y] != 0) return false;
            for (int operand = 0; operand < 2; operand++) {
                int s = operand == 0 ? a[j] : b[j];
                if (operand == 1 && (!Ops.binary(op[j]) || s == a[j])) continue;
                if (isConstant(s) || known[s]) continue;
                if (readers[readerStart[s] + remaining[s] - 1] != j) return false; // a later reader first
            }
            return true;
        }

        /** After the reverse step of j, with the forward code written up to instruction i. */
        private void stepped(Code c, int j, int i, int[] remaining) {
            for (int operand = 0; operand < 2; operand++) {
                int s = operand == 0 ? a[j] : b[j];
                if (operand == 1 && (!Ops.binary(op[j]) || s == a[j])) continue;
                if (isConstant(s)) continue;
                if (--remaining[s] == 0 && s < e.inputs && !known[s]) storeGradient(c, s);
            }
            int need = needs[j];
            if ((need & X) != 0) unread(c, a[j], i);
            if ((need & Z) != 0 && !((need & X) != 0 && b[j] == a[j])) unread(c, b[j], i);
            if ((need & Y) != 0) unread(c, dest[j], i);
        }

        /** One reverse read of a value done: its local is free once nothing else reads it. */
        private void unread(Code c, int slot, int i) {
            if (--pendingReads[slot] == 0 && lastUse[slot] <= i && slot != e.output && valueLocal[slot] >= 0) {
                c.release(valueLocal[slot]);
                valueLocal[slot] = -1;
            }
        }

        /** w[input] = its complete adjoint (fused method: w is local 1). */
        private void storeGradient(Code c, int input) {
            c.var(ALOAD, 1);
            c.push(input);
            if (known[input]) {
                c.constant(knownValue[input]);
            } else if (adjointState[input] == LOCAL) {
                c.var(DLOAD, adjointLocal[input]);
                c.release(adjointLocal[input]);
            } else {
                c.constant(adjointValue[input]);
            }
            c.insn(DASTORE);
            adjointState[input] = DONE;
        }

        /**
         * The reverse step of instruction i: its terms into the adjoints of its operands, as the
         * interpreter's {@code w[a] = wy·∂y/∂a} (the slot's first term) or {@code w[a] + wy·∂y/∂a},
         * likewise for b. Terms known at generation time are folded; the others are computed from the
         * values, under the interpreter's zero-adjoint test where wy is not known. Adjoints of slots
         * whose every term is known are not touched at all.
         */
        private void step(Code c, int i, List<Integer> touched) {
            int code = op[i], y = dest[i];
            boolean toA = !isConstant(a[i]) && !known[a[i]];
            boolean toB = Ops.binary(code) && !isConstant(b[i]) && !known[b[i]];
            if (known[y] && knownValue[y] == 0 && e.skipsZeroAdjoint[i] || !toA && !toB) {
                finish(c, y);
                return;
            }
            int wy = known[y] ? -1 : ensureLocal(c, y, touched);
            boolean test = !known[y] && e.skipsZeroAdjoint[i];
            int need = needs[i];
            int x = (need & X) != 0 ? cached(c, a[i], readOnce(code, X)) : -1;
            int z = (need & Z) != 0 ? cached(c, b[i], readOnce(code, Z)) : -1;
            int yv = (need & Y) != 0 ? cached(c, y, readOnce(code, Y)) : -1;
            Label skip = new Label();
            if (test) {
                // A skipped step leaves the adjoints as they are (a slot's first term: at 0).
                if (toA) ensureLocal(c, a[i], touched);
                if (toB) ensureLocal(c, b[i], touched);
                c.var(DLOAD, wy);
                c.insn(DCONST_0);
                c.insn(DCMPL);
                c.mv.visitJumpInsn(IFEQ, skip);
                c.bytes += 3;
            }
            double p = param[i];
            if (toA) term(c, i, 0, wy, () -> partialA(c, code, p, x, z, yv), touched);
            if (toB) term(c, i, 1, wy, () -> partialB(c, code, x, z, yv), touched);
            if (test) c.mv.visitLabel(skip);
            finish(c, y);
        }

        /** The adjoint of y has been used: its local is free. */
        private void finish(Code c, int y) {
            if (adjointState[y] == LOCAL) c.release(adjointLocal[y]);
            adjointState[y] = DONE;
        }

        /**
         * Whether the partials of an operation read x, z or y ({@code which}) once only: then a
         * value not yet in a local is read from the array where it is used, which is shorter code
         * than a load into a local and a load from it (and keeps locals few and their indices small).
         */
        private static boolean readOnce(int code, int which) {
            return switch (code) {
                case Ops.MUL -> true;
                case Ops.DIV, Ops.EXP, Ops.SQRT -> which == Y;
                case Ops.SQUARE, Ops.POWI, Ops.POWC, Ops.LOG, Ops.SIN, Ops.COS, Ops.ABS, Ops.SINH, Ops.COSH, Ops.LOG1P,
                        Ops.EXPM1, Ops.SOFTPLUS -> which == X;
                default -> false;
            };
        }

        /**
         * A local holding the value of a slot, or for a constant −1 − slot, or (where {@code once} and
         * the value is not in a local) −1 − slots − slot: read v[slot] at the use (see {@link #get}).
         */
        private int cached(Code c, int slot, boolean once) {
            if (isConstant(slot)) return -1 - slot;
            if (once && valueLocal[slot] < 0) return -1 - e.slots - slot;
            if (valueLocal[slot] < 0) {
                int l = c.newLocal();
                c.var(ALOAD, 0);
                c.push(slot);
                c.insn(DALOAD);
                c.var(DSTORE, l);
                valueLocal[slot] = l;
            }
            return valueLocal[slot];
        }

        /**
         * The term of instruction i for operand a (0) or b (1) into that slot's adjoint: stored where
         * it is the slot's first ({@link CompiledExpression#storesA}), else added after what is there.
         * {@code wy} is the local holding the adjoint of y, or −1 where it is known; a partial of +1 or
         * −1 is applied as wy or −wy, and a known wy of 1 leaves the partial alone: the same products.
         */
        private void term(Code c, int i, int operand, int wy, Runnable partial, List<Integer> touched) {
            int s = operand == 0 ? a[i] : b[i], y = dest[i];
            boolean stores = operand == 0 ? e.storesA[i] : e.storesB[i];
            double p = constantPartial(i, operand);
            if (wy < 0 && !Double.isNaN(p)) { // known now: no code unless the adjoint is a local already
                double t = knownValue[y] * p;
                if (stores) {
                    adjointValue[s] = t;
                } else if (adjointState[s] == CONST) {
                    adjointValue[s] = adjointValue[s] + t;
                } else {
                    int l = ensureLocal(c, s, touched);
                    c.var(DLOAD, l);
                    c.constant(t);
                    c.insn(DADD);
                    c.var(DSTORE, l);
                }
                return;
            }
            if (!stores) {
                if (adjointState[s] == CONST) c.constant(adjointValue[s]);
                else c.var(DLOAD, ensureLocal(c, s, touched));
            }
            if (wy >= 0) {
                c.var(DLOAD, wy);
                int code = op[i];
                int sign = code == Ops.ADD || code == Ops.SUB && operand == 0 ? 1 : code == Ops.NEG || code == Ops.SUB ? -1 : 0;
                if (sign < 0) {
                    c.insn(DNEG);
                } else if (sign == 0) {
                    partial.run();
                    c.insn(DMUL);
                }
            } else if (knownValue[y] == 1) {
                partial.run();
            } else {
                c.constant(knownValue[y]);
                partial.run();
                c.insn(DMUL);
            }
            if (!stores) c.insn(DADD);
            c.var(DSTORE, adjointState[s] == LOCAL ? adjointLocal[s] : newAdjointLocal(s, c.newLocal(), touched));
        }

        /** Pushes what {@link #cached} returned. */
        private void get(Code c, int ref) {
            if (ref >= 0) {
                c.var(DLOAD, ref);
            } else if (-1 - ref < e.slots) {
                c.constant(e.template[-1 - ref]);
            } else {
                c.var(ALOAD, 0);
                c.push(-1 - ref - e.slots);
                c.insn(DALOAD);
            }
        }

        /** ∂y/∂a, exactly as {@code Evaluator.forward} computes it. */
        private void partialA(Code c, int code, double p, int x, int z, int y) {
            switch (code) {
                case Ops.NEG -> c.constant(-1.0);
                case Ops.ADD, Ops.SUB -> c.insn(DCONST_1);
                case Ops.MUL -> get(c, z);
                case Ops.DIV -> {               // 1 / z
                    c.insn(DCONST_1);
                    get(c, z);
                    c.insn(DDIV);
                }
                case Ops.SQUARE -> {            // 2 * x
                    c.constant(2.0);
                    get(c, x);
                    c.insn(DMUL);
                }
                case Ops.POW -> {               // z * Math.pow(x, z - 1)
                    get(c, z);
                    get(c, x);
                    get(c, z);
                    c.insn(DCONST_1);
                    c.insn(DSUB);
                    c.math("pow", DD_D);
                    c.insn(DMUL);
                }
                case Ops.POWI -> {              // k * Ops.ipow(x, k - 1)
                    int k = (int) p;
                    c.constant(k);
                    get(c, x);
                    c.push(k - 1);
                    c.call(OPS, "ipow", "(DI)D");
                    c.insn(DMUL);
                }
                case Ops.POWC -> {              // c * Math.pow(x, c - 1)
                    c.constant(p);
                    get(c, x);
                    c.constant(p - 1);
                    c.math("pow", DD_D);
                    c.insn(DMUL);
                }
                case Ops.EXP -> get(c, y);
                case Ops.LOG -> {               // 1 / x
                    c.insn(DCONST_1);
                    get(c, x);
                    c.insn(DDIV);
                }
                case Ops.SQRT -> {              // 0.5 / y
                    c.constant(0.5);
                    get(c, y);
                    c.insn(DDIV);
                }
                case Ops.SIN -> {
                    get(c, x);
                    c.math("cos", D_D);
                }
                case Ops.COS -> {               // -Math.sin(x)
                    get(c, x);
                    c.math("sin", D_D);
                    c.insn(DNEG);
                }
                case Ops.TAN -> {               // 1 + y * y
                    c.insn(DCONST_1);
                    get(c, y);
                    get(c, y);
                    c.insn(DMUL);
                    c.insn(DADD);
                }
                case Ops.ATAN -> {              // 1 / (1 + x * x)
                    c.insn(DCONST_1);
                    c.insn(DCONST_1);
                    get(c, x);
                    get(c, x);
                    c.insn(DMUL);
                    c.insn(DADD);
                    c.insn(DDIV);
                }
                case Ops.ABS -> {
                    get(c, x);
                    c.math("signum", D_D);
                }
                case Ops.TANH -> {              // 1 - y * y
                    c.insn(DCONST_1);
                    get(c, y);
                    get(c, y);
                    c.insn(DMUL);
                    c.insn(DSUB);
                }
                case Ops.SINH -> {
                    get(c, x);
                    c.math("cosh", D_D);
                }
                case Ops.COSH -> {
                    get(c, x);
                    c.math("sinh", D_D);
                }
                case Ops.LOG1P -> {             // 1 / (1 + x)
                    c.insn(DCONST_1);
                    c.insn(DCONST_1);
                    get(c, x);
                    c.insn(DADD);
                    c.insn(DDIV);
                }
                case Ops.EXPM1 -> {
                    get(c, x);
                    c.math("exp", D_D);
                }
                case Ops.MIN, Ops.MAX -> {
                    get(c, x);
                    get(c, z);
                    c.call(OPS, code == Ops.MIN ? "minFirst" : "maxFirst", DD_D);
                }
                case Ops.SOFTPLUS -> {
                    get(c, x);
                    c.call(OPS, "sigmoid", D_D);
                }
                default -> throw new IllegalStateException("op " + code);
            }
        }

        /** ∂y/∂b of a binary operation, exactly as {@code Evaluator.forward} computes it. */
        private void partialB(Code c, int code, int x, int z, int y) {
            switch (code) {
                case Ops.ADD -> c.insn(DCONST_1);
                case Ops.SUB -> c.constant(-1.0);
                case Ops.MUL -> get(c, x);
                case Ops.DIV -> {               // -y / z
                    get(c, y);
                    c.insn(DNEG);
                    get(c, z);
                    c.insn(DDIV);
                }
                case Ops.POW -> {
                    get(c, x);
                    get(c, y);
                    c.call(OPS, "powExponentPartial", DD_D);
                }
                case Ops.MIN, Ops.MAX -> {
                    get(c, x);
                    get(c, z);
                    c.call(OPS, code == Ops.MIN ? "minSecond" : "maxSecond", DD_D);
                }
                default -> throw new IllegalStateException("op " + code);
            }
        }
    }
}
