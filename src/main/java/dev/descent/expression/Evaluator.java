package dev.descent.expression;

import java.util.Arrays;

/**
 * Evaluates a {@link CompiledExpression} in work arrays made once, here: value, gradient by one
 * reverse sweep (Griewank &amp; Walther, Evaluating Derivatives, 2nd ed. 2008, section 3.2), and the
 * exact Hessian by forward over reverse mode, one tangent sweep and one second-order adjoint sweep
 * per input direction (ibid., section 5.3). Nothing is allocated per evaluation. A zero adjoint or
 * tangent is a structural zero: it contributes nothing even through an infinite local partial, so
 * {@code min(x, 1/0)} or {@code expm1(sqrt(x − x))^3} keep finite derivatives.
 *
 * <p>Not thread-safe: one thread (one run) per evaluator.
 */
public final class Evaluator {
    private final CompiledExpression e;
    private final Program program;  // the tape as bytecode, or null: the interpreter below
    private final int[] op, a, b, dest;
    private final double[] param;
    private final double[] v;       // slot values
    private final double[] w;       // adjoints
    private final double[] pa, pb;  // ∂y/∂a, ∂y/∂b per instruction
    private double[] paa, pab, pbb; // second partials, made on the first Hessian
    private double[] dv, dw;        // tangents of values and adjoints

    Evaluator(CompiledExpression e, Program program) {
        this.e = e;
        this.program = program;
        this.op = e.op;
        this.a = e.a;
        this.b = e.b;
        this.dest = e.dest;
        this.param = e.param;
        this.v = e.template.clone();
        this.w = new double[e.slots];
        int n = op.length;
        this.pa = new double[n];
        this.pb = new double[n];
    }

    public CompiledExpression expression() {
        return e;
    }

    /** f(inputs); {@code inputs} has {@link CompiledExpression#inputs()} entries. */
    public double value(double[] inputs) {
        System.arraycopy(inputs, 0, v, 0, e.inputs);
        if (program != null) {
            program.forward(v);
            return v[e.output];
        }
        final double[] v = this.v;
        for (int i = 0; i < op.length; i++) {
            double x = v[a[i]];
            v[dest[i]] = switch (op[i]) {
                case Ops.NEG -> -x;
                case Ops.ADD -> x + v[b[i]];
                case Ops.SUB -> x - v[b[i]];
                case Ops.MUL -> x * v[b[i]];
                case Ops.DIV -> x / v[b[i]];
                case Ops.SQUARE -> x * x;
                default -> Ops.value(op[i], x, v[b[i]], param[i]);
            };
        }
        return v[e.output];
    }

    /**
     * f(inputs), and the partial derivatives with respect to the first {@code gradient.length}
     * inputs written into {@code gradient}. A model with inputs [parameters…, variables…] thus gets
     * ∂model/∂parameters for one data row by passing a gradient array as long as the parameters.
     */
    public double valueAndGradient(double[] inputs, double[] gradient) {
        if (program != null) {
            double f = program.valueAndGradient(inputs, v, w);
            System.arraycopy(w, 0, gradient, 0, Math.min(gradient.length, e.inputs));
            return f;
        }
        double f = forward(inputs);
        reverse();
        System.arraycopy(w, 0, gradient, 0, Math.min(gradient.length, e.inputs));
        return f;
    }

    /**
     * The Hessian with respect to all inputs, row-major into {@code hessian} (inputs²), symmetrized;
     * returns f and writes the gradient into {@code gradient} (all inputs).
     */
    public double hessian(double[] inputs, double[] gradient, double[] hessian) {
        int n = e.inputs;
        double f = forward(inputs);
        reverse();
        System.arraycopy(w, 0, gradient, 0, n);
        if (paa == null) {
            paa = new double[op.length];
            pab = new double[op.length];
            pbb = new double[op.length];
            dv = new double[e.slots];
            dw = new double[e.slots];
        }
        secondPartials();
        for (int j = 0; j < n; j++) {
            Arrays.fill(dv, 0.0);
            dv[j] = 1;
            for (int i = 0; i < op.length; i++) dv[dest[i]] = times(pa[i], dv[a[i]]) + times(pb[i], dv[b[i]]);
            Arrays.fill(dw, 0.0);
            for (int i = op.length - 1; i >= 0; i--) {
                int y = dest[i], ai = a[i], bi = b[i];
                double wy = w[y], dwy = dw[y], da = dv[ai], db = dv[bi];
                if (wy == 0 && dwy == 0) continue;
                dw[ai] += times(dwy, pa[i]) + times(wy, times(paa[i], da) + times(pab[i], db));
                dw[bi] += times(dwy, pb[i]) + times(wy, times(pab[i], da) + times(pbb[i], db));
            }
            System.arraycopy(dw, 0, hessian, j * n, n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
                hessian[i * n + j] = s;
                hessian[j * n + i] = s;
            }
        }
        return f;
    }

    /** p·q where an exact zero wins over an infinite or NaN partial (a structural zero: no dependence). */
    private static double times(double p, double q) {
        return p == 0 || q == 0 ? 0 : p * q;
    }

    /** Values and first partials, instruction by instruction. */
    private double forward(double[] inputs) {
        System.arraycopy(inputs, 0, v, 0, e.inputs);
        final double[] v = this.v, pa = this.pa, pb = this.pb;
        for (int i = 0; i < op.length; i++) {
            double x = v[a[i]], y;
            switch (op[i]) {
                case Ops.NEG -> { y = -x; pa[i] = -1; pb[i] = 0; }
                case Ops.ADD -> { y = x + v[b[i]]; pa[i] = 1; pb[i] = 1; }
                case Ops.SUB -> { y = x - v[b[i]]; pa[i] = 1; pb[i] = -1; }
                case Ops.MUL -> { double z = v[b[i]]; y = x * z; pa[i] = z; pb[i] = x; }
                case Ops.DIV -> { double z = v[b[i]]; y = x / z; pa[i] = 1 / z; pb[i] = -y / z; }
                case Ops.SQUARE -> { y = x * x; pa[i] = 2 * x; pb[i] = 0; }
                case Ops.POW -> {
                    double z = v[b[i]];
                    y = Math.pow(x, z);
                    pa[i] = z * Math.pow(x, z - 1);
                    pb[i] = Ops.powExponentPartial(x, y);
                }
                case Ops.POWI -> {
                    int k = (int) param[i];
                    y = Ops.ipow(x, k);
                    pa[i] = k * Ops.ipow(x, k - 1);
                    pb[i] = 0;
                }
                case Ops.POWC -> { double c = param[i]; y = Math.pow(x, c); pa[i] = c * Math.pow(x, c - 1); pb[i] = 0; }
                case Ops.EXP -> { y = Math.exp(x); pa[i] = y; pb[i] = 0; }
                case Ops.LOG -> { y = Math.log(x); pa[i] = 1 / x; pb[i] = 0; }
                case Ops.SQRT -> { y = Math.sqrt(x); pa[i] = 0.5 / y; pb[i] = 0; }
                case Ops.SIN -> { y = Math.sin(x); pa[i] = Math.cos(x); pb[i] = 0; }
                case Ops.COS -> { y = Math.cos(x); pa[i] = -Math.sin(x); pb[i] = 0; }
                case Ops.TAN -> { y = Math.tan(x); pa[i] = 1 + y * y; pb[i] = 0; }
                case Ops.ATAN -> { y = Math.atan(x); pa[i] = 1 / (1 + x * x); pb[i] = 0; }
                case Ops.ABS -> { y = Math.abs(x); pa[i] = Math.signum(x); pb[i] = 0; }
                case Ops.TANH -> { y = Math.tanh(x); pa[i] = 1 - y * y; pb[i] = 0; }
                case Ops.SINH -> { y = Math.sinh(x); pa[i] = Math.cosh(x); pb[i] = 0; }
                case Ops.COSH -> { y = Math.cosh(x); pa[i] = Math.sinh(x); pb[i] = 0; }
                case Ops.LOG1P -> { y = Math.log1p(x); pa[i] = 1 / (1 + x); pb[i] = 0; }
                case Ops.EXPM1 -> { y = Math.expm1(x); pa[i] = Math.exp(x); pb[i] = 0; }
                case Ops.MIN -> { double z = v[b[i]]; y = Math.min(x, z); pa[i] = Ops.minFirst(x, z); pb[i] = Ops.minSecond(x, z); }
                case Ops.MAX -> { double z = v[b[i]]; y = Math.max(x, z); pa[i] = Ops.maxFirst(x, z); pb[i] = Ops.maxSecond(x, z); }
                case Ops.SOFTPLUS -> { y = Ops.softplus(x); pa[i] = Ops.sigmoid(x); pb[i] = 0; }
                default -> throw new IllegalStateException("op " + op[i]);
            }
            v[dest[i]] = y;
        }
        return v[e.output];
    }

    /** Adjoints of every slot for the output; those of the inputs are the gradient. */
    private void reverse() {
        final double[] w = this.w, pa = this.pa, pb = this.pb;
        Arrays.fill(w, 0.0);
        w[e.output] = 1;
        for (int i = op.length - 1; i >= 0; i--) {
            double wy = w[dest[i]];
            if (wy == 0) continue; // an unused branch adds nothing, even where its partials are infinite
            w[a[i]] += wy * pa[i];
            w[b[i]] += wy * pb[i];
        }
    }

    /** ∂²y/∂a², ∂²y/∂a∂b, ∂²y/∂b² at the current values. */
    private void secondPartials() {
        for (int i = 0; i < op.length; i++) {
            double x = v[a[i]], y = v[dest[i]], aa = 0, ab = 0, bb = 0;
            switch (op[i]) {
                case Ops.MUL -> ab = 1;
                case Ops.DIV -> {
                    double z = v[b[i]];
                    ab = -1 / (z * z);
                    bb = 2 * y / (z * z);
                }
                case Ops.SQUARE -> aa = 2;
                case Ops.POW -> {
                    double z = v[b[i]];
                    aa = z * (z - 1) * Math.pow(x, z - 2);
                    if (x > 0) {
                        double log = Math.log(x);
                        ab = Math.pow(x, z - 1) * (1 + z * log);
                        bb = y * log * log;
                    } else if (x < 0) {
                        ab = Double.NaN;
                        bb = Double.NaN;
                    }
                }
                case Ops.POWI -> {
                    int k = (int) param[i];
                    aa = (double) k * (k - 1) * Ops.ipow(x, k - 2);
                }
                case Ops.POWC -> {
                    double c = param[i];
                    aa = c * (c - 1) * Math.pow(x, c - 2);
                }
                case Ops.EXP -> aa = y;
                case Ops.LOG -> aa = -1 / (x * x);
                case Ops.SQRT -> aa = -0.25 / (y * x);
                case Ops.SIN, Ops.COS -> aa = -y;
                case Ops.TAN -> aa = 2 * y * (1 + y * y);
                case Ops.ATAN -> {
                    double q = 1 + x * x;
                    aa = -2 * x / (q * q);
                }
                case Ops.TANH -> aa = -2 * y * (1 - y * y);
                case Ops.SINH, Ops.COSH -> aa = y;
                case Ops.LOG1P -> {
                    double q = 1 + x;
                    aa = -1 / (q * q);
                }
                case Ops.EXPM1 -> aa = Math.exp(x);
                case Ops.SOFTPLUS -> {
                    double s = Ops.sigmoid(x);
                    aa = s * (1 - s);
                }
                default -> { } // NEG, ADD, SUB, ABS, MIN, MAX: linear pieces
            }
            paa[i] = aa;
            pab[i] = ab;
            pbb[i] = bb;
        }
    }
}
