package dev.descent.problem;

/** A {@link TestFunction} in n variables. */
record TestFunctionProblem(TestFunction function, int dimension) implements Problem {

    @Override
    public double value(double[] x) {
        return function.valueAndGradient(x, null);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        return function.valueAndGradient(x, gradient);
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        function.hessian(x, hessian);
    }

    @Override
    public double[] defaultStart() {
        return function.defaultStart(dimension);
    }
}
