package dev.descent.problem;

import dev.descent.expression.CompiledExpression;
import dev.descent.expression.Evaluator;

/**
 * An {@link ExpressionSpec} objective: the expression compiled once, evaluated in this instance's
 * work arrays. Unlike the other problems it is not thread-safe: one run per instance, which is what
 * a job gets (each job calls {@link ProblemSpec#create()} once).
 */
final class ExpressionProblem implements Problem {
    private final Evaluator evaluator;
    private final int n;
    private final double[] gradient;  // the Hessian sweep also yields a gradient; hessian() has no use for it

    ExpressionProblem(CompiledExpression expression) {
        this.evaluator = expression.evaluator();
        this.n = expression.inputs();
        this.gradient = new double[n];
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        return evaluator.value(x);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        return evaluator.valueAndGradient(x, gradient);
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        evaluator.hessian(x, gradient, hessian);
    }
}
