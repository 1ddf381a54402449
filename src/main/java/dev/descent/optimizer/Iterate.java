package dev.descent.optimizer;

import dev.descent.problem.Problem;

/**
 * The current point of a run with its value and gradient, and the only door to the problem: every
 * evaluation goes through here so it is counted and so a pending stop request (cancel, time limit)
 * interrupts even a long line search.
 */
public final class Iterate {
    private final Problem problem;
    private final Runnable beforeEvaluation;
    private final double[] x;
    private final double[] g;
    private double f;
    private long functionEvaluations;
    private long gradientEvaluations;

    /** @param beforeEvaluation runs before each evaluation; throws to abandon the step */
    public Iterate(Problem problem, double[] start, Runnable beforeEvaluation) {
        this.problem = problem;
        this.beforeEvaluation = beforeEvaluation;
        this.x = start.clone();
        this.g = new double[start.length];
    }

    public Problem problem() {
        return problem;
    }

    public int dimension() {
        return x.length;
    }

    /** The current point; optimizers move it in place. */
    public double[] x() {
        return x;
    }

    /** ∇f at the current point. */
    public double[] g() {
        return g;
    }

    public double f() {
        return f;
    }

    /** Sets f after an optimizer filled x and g itself (for example from a line search's last trial). */
    public void setF(double value) {
        f = value;
    }

    /** Takes up a saved state at the current x: its value, gradient and evaluation counts so far. */
    public void restore(double value, double[] gradient, long functionEvaluations, long gradientEvaluations) {
        f = value;
        System.arraycopy(gradient, 0, g, 0, g.length);
        this.functionEvaluations = functionEvaluations;
        this.gradientEvaluations = gradientEvaluations;
    }

    /** Evaluates f and ∇f at the current x into this iterate. */
    public double evaluate() {
        f = valueAndGradient(x, g);
        return f;
    }

    /** f(at) and ∇f(at) into {@code gradient}, counted. */
    public double valueAndGradient(double[] at, double[] gradient) {
        beforeEvaluation.run();
        functionEvaluations++;
        gradientEvaluations++;
        return problem.valueAndGradient(at, gradient);
    }

    /** f(at) alone, counted. */
    public double value(double[] at) {
        beforeEvaluation.run();
        functionEvaluations++;
        return problem.value(at);
    }

    /** ∇²f(at) into {@code hessian}; checks for a stop request first. */
    public void hessian(double[] at, double[] hessian) {
        beforeEvaluation.run();
        problem.hessian(at, hessian);
    }

    /** ∇²f(at)·v into {@code out}; checks for a stop request first. */
    public void hessianVectorProduct(double[] at, double[] v, double[] out) {
        beforeEvaluation.run();
        problem.hessianVectorProduct(at, v, out);
    }

    public long functionEvaluations() {
        return functionEvaluations;
    }

    public long gradientEvaluations() {
        return gradientEvaluations;
    }
}
