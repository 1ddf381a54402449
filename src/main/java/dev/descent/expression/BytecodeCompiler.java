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
import static org.objectweb.asm.Opcodes.DSTORE;
import static org.objectweb.asm.Opcodes.DSUB;
import static org.objectweb.asm.Opcodes.DUP2;
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
 * through the evaluator's arrays. A zero adjoint skips its instruction, as in the interpreter. An
 * adjoint first reached by an instruction starts from 0 there, so the adjoint array needs no clearing.
 */
final class BytecodeCompiler {
    private BytecodeCompiler() {}

    /** Whether to generate at all ({@code -Ddescent.expression.bytecode=false} keeps the interpreter). */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("descent.expression.bytecode"));
    /** Tapes longer than this stay with the interpreter (generation time, constant pool size). */
    static final int MAX_INSTRUCTIONS = 50_000;
    static final int CHUNK_BYTES = 7000;

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
            return (Program) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
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

        Code(MethodVisitor mv, int firstLocal) {
            this.mv = mv;
            this.nextLocal = firstLocal;
        }

        int newLocal() {
            int l = nextLocal;
            nextLocal += 2;
            return l;
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

    private static final class Writer {
        private static final int NONE = 0, ARRAY = 1, LOCAL = 2;

        private final CompiledExpression e;
        private final int[] op, a, b, dest;
        private final double[] param;
        private final int[] definedBy;   // instruction that computes a slot, −1 for inputs and constants
        private final int[] valueLocal;  // per method: the local caching v[slot], or −1
        private final int[] adjointState, adjointLocal;
        private final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);

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
            Code c = new Code(mv, 1);
            Arrays.fill(valueLocal, -1);
            int i = from;
            while (i < op.length && c.bytes < CHUNK_BYTES) {
                int code = op[i];
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
                int l = c.newLocal();
                c.var(DSTORE, l);
                valueLocal[dest[i]] = l;
                c.var(ALOAD, 0);
                c.push(dest[i]);
                c.var(DLOAD, l);
                c.insn(DASTORE);
                i++;
            }
            c.insn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return i;
        }

        /** Which of x = v[a], z = v[b], y = v[dest] the local partials of an operation read. */
        private static boolean readsX(int code) {
            return switch (code) {
                case Ops.MUL, Ops.SQUARE, Ops.POW, Ops.POWI, Ops.POWC, Ops.LOG, Ops.SIN, Ops.COS, Ops.ATAN, Ops.ABS,
                        Ops.SINH, Ops.COSH, Ops.LOG1P, Ops.EXPM1, Ops.MIN, Ops.MAX, Ops.SOFTPLUS -> true;
                default -> false;
            };
        }

        private static boolean readsZ(int code) {
            return code == Ops.MUL || code == Ops.DIV || code == Ops.POW || code == Ops.MIN || code == Ops.MAX;
        }

        private static boolean readsY(int code) {
            return switch (code) {
                case Ops.DIV, Ops.POW, Ops.EXP, Ops.SQRT, Ops.TAN, Ops.TANH -> true;
                default -> false;
            };
        }

        /** Makes the adjoint of a slot a local of this method, from 0 or from w[slot]. */
        private void adjoint(Code c, int slot, List<Integer> touched) {
            if (adjointState[slot] == LOCAL) return;
            int l = c.newLocal();
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
            List<Integer> handBack = new ArrayList<>(); // adjoints made locals here
            int i = to - 1;
            while (i >= 0 && c.bytes < CHUNK_BYTES) {
                int code = op[i], y = dest[i];
                boolean output = i == op.length - 1;
                if (!output && adjointState[y] == NONE) { // no use of y: its adjoint is 0 and the interpreter skips it too
                    i--;
                    continue;
                }
                if (!output && adjointState[y] == ARRAY) adjoint(c, y, handBack);
                boolean binary = Ops.binary(code);
                boolean toA = !isConstant(a[i]), toB = binary && !isConstant(b[i]);
                if (!toA && !toB) {
                    i--;
                    continue;
                }
                if (toA) adjoint(c, a[i], handBack);
                if (toB) adjoint(c, b[i], handBack);
                int x = readsX(code) ? cached(c, a[i]) : -1;
                int z = readsZ(code) ? cached(c, b[i]) : -1;
                int yv = readsY(code) ? cached(c, y) : -1;
                Label skip = new Label();
                if (!output) {
                    c.var(DLOAD, adjointLocal[y]);
                    c.insn(DCONST_0);
                    c.insn(DCMPL);
                    mv.visitJumpInsn(IFEQ, skip);
                    c.bytes += 3;
                }
                double p = param[i];
                if (toA) accumulate(c, a[i], output ? -1 : adjointLocal[y], () -> partialA(c, code, p, x, z, yv));
                if (toB) accumulate(c, b[i], output ? -1 : adjointLocal[y], () -> partialB(c, code, x, z, yv));
                if (!output) mv.visitLabel(skip);
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
                if (adjointState[slot] == LOCAL) adjointState[slot] = ARRAY; // defined here: never read again
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
            c.insn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return stoppedAt;
        }

        private int cached(Code c, int slot) {
            if (isConstant(slot)) {
                int l = c.newLocal();
                c.constant(e.template[slot]);
                c.var(DSTORE, l);
                return l;
            }
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

        /** adjoint[slot] = adjoint[slot] + wy·partial, as the interpreter's {@code w[s] += wy * p}. */
        private void accumulate(Code c, int slot, int wy, Runnable partial) {
            int l = adjointLocal[slot];
            c.var(DLOAD, l);
            if (wy < 0) c.insn(DCONST_1); else c.var(DLOAD, wy);
            partial.run();
            c.insn(DMUL);
            c.insn(DADD);
            c.var(DSTORE, l);
        }

        /** ∂y/∂a, exactly as {@code Evaluator.forward} computes it. */
        private void partialA(Code c, int code, double p, int x, int z, int y) {
            switch (code) {
                case Ops.NEG -> c.constant(-1.0);
                case Ops.ADD, Ops.SUB -> c.insn(DCONST_1);
                case Ops.MUL -> c.var(DLOAD, z);
                case Ops.DIV -> {               // 1 / z
                    c.insn(DCONST_1);
                    c.var(DLOAD, z);
                    c.insn(DDIV);
                }
                case Ops.SQUARE -> {            // 2 * x
                    c.constant(2.0);
                    c.var(DLOAD, x);
                    c.insn(DMUL);
                }
                case Ops.POW -> {               // z * Math.pow(x, z - 1)
                    c.var(DLOAD, z);
                    c.var(DLOAD, x);
                    c.var(DLOAD, z);
                    c.insn(DCONST_1);
                    c.insn(DSUB);
                    c.math("pow", DD_D);
                    c.insn(DMUL);
                }
                case Ops.POWI -> {              // k * Ops.ipow(x, k - 1)
                    int k = (int) p;
                    c.constant(k);
                    c.var(DLOAD, x);
                    c.push(k - 1);
                    c.call(OPS, "ipow", "(DI)D");
                    c.insn(DMUL);
                }
                case Ops.POWC -> {              // c * Math.pow(x, c - 1)
                    c.constant(p);
                    c.var(DLOAD, x);
                    c.constant(p - 1);
                    c.math("pow", DD_D);
                    c.insn(DMUL);
                }
                case Ops.EXP -> c.var(DLOAD, y);
                case Ops.LOG -> {               // 1 / x
                    c.insn(DCONST_1);
                    c.var(DLOAD, x);
                    c.insn(DDIV);
                }
                case Ops.SQRT -> {              // 0.5 / y
                    c.constant(0.5);
                    c.var(DLOAD, y);
                    c.insn(DDIV);
                }
                case Ops.SIN -> {
                    c.var(DLOAD, x);
                    c.math("cos", D_D);
                }
                case Ops.COS -> {               // -Math.sin(x)
                    c.var(DLOAD, x);
                    c.math("sin", D_D);
                    c.insn(DNEG);
                }
                case Ops.TAN -> {               // 1 + y * y
                    c.insn(DCONST_1);
                    c.var(DLOAD, y);
                    c.var(DLOAD, y);
                    c.insn(DMUL);
                    c.insn(DADD);
                }
                case Ops.ATAN -> {              // 1 / (1 + x * x)
                    c.insn(DCONST_1);
                    c.insn(DCONST_1);
                    c.var(DLOAD, x);
                    c.var(DLOAD, x);
                    c.insn(DMUL);
                    c.insn(DADD);
                    c.insn(DDIV);
                }
                case Ops.ABS -> {
                    c.var(DLOAD, x);
                    c.math("signum", D_D);
                }
                case Ops.TANH -> {              // 1 - y * y
                    c.insn(DCONST_1);
                    c.var(DLOAD, y);
                    c.var(DLOAD, y);
                    c.insn(DMUL);
                    c.insn(DSUB);
                }
                case Ops.SINH -> {
                    c.var(DLOAD, x);
                    c.math("cosh", D_D);
                }
                case Ops.COSH -> {
                    c.var(DLOAD, x);
                    c.math("sinh", D_D);
                }
                case Ops.LOG1P -> {             // 1 / (1 + x)
                    c.insn(DCONST_1);
                    c.insn(DCONST_1);
                    c.var(DLOAD, x);
                    c.insn(DADD);
                    c.insn(DDIV);
                }
                case Ops.EXPM1 -> {
                    c.var(DLOAD, x);
                    c.math("exp", D_D);
                }
                case Ops.MIN, Ops.MAX -> {
                    c.var(DLOAD, x);
                    c.var(DLOAD, z);
                    c.call(OPS, code == Ops.MIN ? "minFirst" : "maxFirst", DD_D);
                }
                case Ops.SOFTPLUS -> {
                    c.var(DLOAD, x);
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
                case Ops.MUL -> c.var(DLOAD, x);
                case Ops.DIV -> {               // -y / z
                    c.var(DLOAD, y);
                    c.insn(DNEG);
                    c.var(DLOAD, z);
                    c.insn(DDIV);
                }
                case Ops.POW -> {
                    c.var(DLOAD, x);
                    c.var(DLOAD, y);
                    c.call(OPS, "powExponentPartial", DD_D);
                }
                case Ops.MIN, Ops.MAX -> {
                    c.var(DLOAD, x);
                    c.var(DLOAD, z);
                    c.call(OPS, code == Ops.MIN ? "minSecond" : "maxSecond", DD_D);
                }
                default -> throw new IllegalStateException("op " + code);
            }
        }
    }
}
