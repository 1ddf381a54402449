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
 * it too ({@link CompiledExpression#skipsZeroAdjoint}: not for −a, a ± b, a·c). An adjoint first
 * reached by an instruction starts from 0 there (0 + term), so the adjoint array needs no clearing.
 * The reverse sweep reads a value its partial uses once straight from the value array; one it uses
 * twice goes to a local first.
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
            byte[] bytes = new BytecodeCompiler.Writer(e).write();
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            Program program = (Program) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
            program.inputs = e.inputs;
            program.output = e.output;
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
        private static final int NONE = 0, ARRAY = 1, LOCAL = 2;

        private final CompiledExpression e;
        private final int[] op, a, b, dest;
        private final double[] param;
        private final int[] definedBy;   // instruction that computes a slot, −1 for inputs and constants
        private final int[] valueLocal;  // per method: the local caching v[slot], or −1
        private final int[] adjointState, adjointLocal;
        private final boolean[] fresh;   // an adjoint local the next accumulate writes first
        private final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        private int bytes; // of the last method written
        int methods;       // forward and reverse methods written
        private final int[] lastUse;            // last instruction reading a slot as an operand, −1 if none
        private final boolean[] readInReverse;  // a value some local partial reads
        private static final int X = 1, Z = 2, Y = 4;
        private static final int DONE = 3;

        Writer(CompiledExpression e) {
            this.e = e;
            this.op = e.op;
            this.a = e.a;
            this.b = e.b;
            this.dest = e.dest;
            this.param = e.param;
            definedBy = new int[e.slots];
            Arrays.fill(definedBy, -1);
            for (int i = 0; i < op.length; i++) definedBy[dest[i]] = i;
            valueLocal = new int[e.slots];
            adjointState = new int[e.slots];
            adjointLocal = new int[e.slots];
            fresh = new boolean[e.slots];
            lastUse = new int[e.slots];
            Arrays.fill(lastUse, -1);
            readInReverse = new boolean[e.slots];
            for (int i = 0; i < op.length; i++) {
                lastUse[a[i]] = i;
                if (Ops.binary(op[i])) lastUse[b[i]] = i;
                int reads = reads(i);
                if ((reads & X) != 0) readInReverse[a[i]] = true;
                if ((reads & Z) != 0) readInReverse[b[i]] = true;
                if ((reads & Y) != 0) readInReverse[dest[i]] = true;
            }
        }

        /** Which of x = v[a], z = v[b], y = v[dest] the reverse sweep reads for instruction i. */
        private int reads(int i) {
            int code = op[i];
            return (isConstant(a[i]) ? 0 : readsA(code)) | (Ops.binary(code) && !isConstant(b[i]) ? readsB(code) : 0);
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
            for (int to = op.length; to > 0; ) to = reverseChunk(to, "r" + reverses.size(), reverses);
            methods = forwards.size() + reverses.size();
            // One method for both sweeps where it fits (it stores no values, so it can fit where the
            // chunks above together do not): measured first with a visitor that writes nothing.
            if (fused(new MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {}) < CHUNK_BYTES) {
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
            if (valueLocal[slot] >= 0 && lastUse[slot] == i && !(fused && readInReverse[slot])) {
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

        /**
         * Makes the adjoint of a slot a local of this method, from 0 or from w[slot]; {@code lazy}
         * (an instruction with no zero-adjoint test, whose accumulate always runs) leaves a first
         * adjoint to be written by that accumulate.
         */
        private void adjoint(Code c, int slot, List<Integer> touched, boolean lazy) {
            if (adjointState[slot] == LOCAL) return;
            int l = c.newLocal();
            if (adjointState[slot] == NONE && lazy) {
                fresh[slot] = true; // the first accumulate stores 0 + term (no code yet)
                adjointState[slot] = LOCAL;
                adjointLocal[slot] = l;
                touched.add(slot);
                return;
            }
            if (adjointState[slot] == NONE) {
                c.insn(DCONST_0);
            } else {
                c.var(ALOAD, 1);
                c.push(slot);
                c.insn(DALOAD);
            }
            c.var(DSTORE, l);
            adjointState[slot] = LOCAL;
            adjointLocal[slot] = l;
            touched.add(slot);
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
         * Adjoints of the instructions below {@code to}, last first, with values from locals or from
         * the array in local 0 and adjoints handed over through the array in local 1. Returns where
         * it stopped.
         */
        private int reverse(Code c, int to) {
            MethodVisitor mv = c.mv;
            List<Integer> handBack = new ArrayList<>(); // adjoints made locals here
            int i = to - 1;
            while (i >= 0 && c.bytes < CHUNK_BYTES) {
                int code = op[i], y = dest[i];
                boolean output = i == op.length - 1;
                boolean test = !output && e.skipsZeroAdjoint[i];
                if (test && adjointState[y] == NONE) { // no use of y: its adjoint is 0 and the interpreter skips it too
                    i--;
                    continue;
                }
                if (!output && adjointState[y] != LOCAL) adjoint(c, y, handBack, false);
                boolean binary = Ops.binary(code);
                boolean toA = !isConstant(a[i]), toB = binary && !isConstant(b[i]);
                if (!toA && !toB) {
                    i--;
                    continue;
                }
                if (toA) adjoint(c, a[i], handBack, !test);
                if (toB) adjoint(c, b[i], handBack, !test);
                int reads = reads(i);
                int x = (reads & X) != 0 ? cached(c, a[i], readOnce(code, X)) : -1;
                int z = (reads & Z) != 0 ? cached(c, b[i], readOnce(code, Z)) : -1;
                int yv = (reads & Y) != 0 ? cached(c, y, readOnce(code, Y)) : -1;
                Label skip = new Label();
                if (test) {
                    c.var(DLOAD, adjointLocal[y]);
                    c.insn(DCONST_0);
                    c.insn(DCMPL);
                    mv.visitJumpInsn(IFEQ, skip);
                    c.bytes += 3;
                }
                double p = param[i];
                int wy = output ? -1 : adjointLocal[y];
                if (toA) {
                    int sign = code == Ops.ADD || code == Ops.SUB ? 1 : code == Ops.NEG ? -1 : 0;
                    accumulate(c, a[i], wy, sign, () -> partialA(c, code, p, x, z, yv));
                }
                if (toB) {
                    int sign = code == Ops.ADD ? 1 : code == Ops.SUB ? -1 : 0;
                    accumulate(c, b[i], wy, sign, () -> partialB(c, code, x, z, yv));
                }
                if (!output) {
                    mv.visitLabel(skip);
                    c.release(adjointLocal[y]);
                    adjointState[y] = DONE;
                }
                i--;
            }
            // Whatever this method did not cover is left to the next one; hand adjoints over.
            int stoppedAt = i + 1;
            for (int slot : handBack) {
                if (definedBy[slot] >= stoppedAt) continue; // consumed here
                c.var(ALOAD, 1);
                c.push(slot);
                c.var(DLOAD, adjointLocal[slot]);
                c.insn(DASTORE);
                adjointState[slot] = ARRAY;
            }
            for (int slot = 0; slot < e.slots; slot++) {
                if (adjointState[slot] == LOCAL) adjointState[slot] = ARRAY; // handed back above
            }
            if (stoppedAt == 0) {
                for (int input = 0; input < e.inputs; input++) {
                    if (adjointState[input] != NONE) continue;
                    c.var(ALOAD, 1);
                    c.push(input);
                    c.insn(DCONST_0);
                    c.insn(DASTORE);
                }
            }
            return stoppedAt;
        }

        /**
         * {@code static double fused(double[] in, double[] w)} for a tape that fits one method: both
         * sweeps over the same locals, inputs read where they are, no values stored. Returns the bytes
         * of code written, or {@link Integer#MAX_VALUE} where the tape does not fit one method.
         */
        private int fused(MethodVisitor mv) {
            Arrays.fill(adjointState, NONE);
            mv.visitCode();
            Code c = new Code(mv, 2);
            Arrays.fill(valueLocal, -1);
            if (forward(c, 0, op.length, Integer.MAX_VALUE) != op.length || reverse(c, op.length) != 0) {
                return Integer.MAX_VALUE; // does not fit one method
            }
            c.var(DLOAD, valueLocal[e.output]);
            c.insn(DRETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return c.bytes;
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
         * adjoint[slot] = adjoint[slot] + wy·partial, as the interpreter's {@code w[s] += wy * p}; a
         * partial of +1 or −1 ({@code sign}) is applied as wy or −wy, which are the same products.
         */
        private void accumulate(Code c, int slot, int wy, int sign, Runnable partial) {
            int l = adjointLocal[slot];
            boolean first = fresh[slot];
            if (!first) c.var(DLOAD, l);
            if (wy < 0) c.insn(DCONST_1); else c.var(DLOAD, wy);
            if (sign < 0) {
                c.insn(DNEG);
            } else if (sign == 0) {
                partial.run();
                c.insn(DMUL);
            }
            if (first) {
                c.insn(DCONST_0); // term + 0 is 0 + term, bit for bit (−0 becomes +0)
                fresh[slot] = false;
            }
            c.insn(DADD);
            c.var(DSTORE, l);
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
