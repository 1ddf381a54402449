package dev.descent.expression;

/**
 * A tape turned into JVM bytecode by {@link BytecodeCompiler}: the same instructions, in the same
 * order, with the same floating-point operations as the interpreter in {@link Evaluator}, so the
 * results are identical bit for bit; only the dispatch, the operand loads and the stored partials
 * are gone. Stateless: the work arrays belong to the evaluator.
 */
abstract class Program {
    /** Values of every instruction slot into {@code v}, whose input and constant slots are set. */
    abstract void forward(double[] v);

    /**
     * Adjoints after {@link #forward}: {@code w[0 … inputs−1]} receive the gradient. Other slots of
     * {@code w} are scratch; nothing needs to be cleared first.
     */
    abstract void reverse(double[] v, double[] w);

    /**
     * f(inputs), with the adjoints of {@link #reverse} in {@code w}. Short tapes override this with
     * one method that keeps every value in a local and reads the inputs in place.
     */
    double valueAndGradient(double[] inputs, double[] v, double[] w) {
        System.arraycopy(inputs, 0, v, 0, this.inputs);
        forward(v);
        reverse(v, w);
        return v[output];
    }

    /**
     * f(inputs), with ∂f/∂inputs for the first {@code gradient.length} inputs in {@code gradient}.
     * Where the program writes nothing into w but the gradient ({@link #direct}) and {@code gradient}
     * has room for all of it, it is written there in place; otherwise through w.
     */
    final double valueAndGradient(double[] inputs, double[] v, double[] w, double[] gradient) {
        if (direct && gradient.length >= this.inputs && gradient != inputs) return valueAndGradient(inputs, v, gradient);
        double f = valueAndGradient(inputs, v, w);
        System.arraycopy(w, 0, gradient, 0, Math.min(gradient.length, this.inputs));
        return f;
    }

    /** The expression's input count and output slot, set once after construction by {@link BytecodeCompiler}. */
    int inputs, output;

    /** Whether {@link #valueAndGradient(double[], double[], double[])} writes w[0 … inputs−1] and nothing else. */
    boolean direct;
}
