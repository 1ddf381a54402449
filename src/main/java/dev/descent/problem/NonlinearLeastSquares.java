package dev.descent.problem;

import dev.descent.expression.CompiledExpression;
import dev.descent.expression.Evaluator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The problem of a {@link NonlinearLeastSquaresSpec}: rᵢ = wᵢ(yᵢ − model(xᵢ; p)), f = ½Σρ(rᵢ²). The
 * model is compiled with inputs [parameters…, variables…]; one reverse sweep per row gives the model
 * value and ∂model/∂p, the row of the Jacobian. The last point's residuals and Jacobian are kept, so
 * a least-squares solver that evaluates f and ∇f through its iterate (counted, interruptible) and
 * then asks for r and J pays for one evaluation, not two. Like {@link ExpressionProblem} it is not
 * thread-safe: one run per instance.
 */
final class NonlinearLeastSquares implements LeastSquaresProblem {
    private final Evaluator evaluator;
    private final List<String> parameterNames;
    private final int n, m, k;
    private final double[] x;        // m·k variables, row-major
    private final double[] y;
    private final double[] weights;  // or null
    private final RobustLoss loss;
    private final double lossScale;
    private final double[] inputs, rowGradient, rho;
    private final double[] cachedPoint, cachedResiduals, cachedJacobian;
    private boolean residualsValid, jacobianValid;
    private double[] fullGradient, fullHessian;  // made on the first Hessian

    NonlinearLeastSquares(CompiledExpression model, List<String> parameterNames, int k, double[] x, double[] y,
                          double[] weights, RobustLoss loss, double lossScale) {
        this.evaluator = model.evaluator();
        this.parameterNames = List.copyOf(parameterNames);
        this.n = parameterNames.size();
        this.k = k;
        this.m = y.length;
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.loss = loss;
        this.lossScale = lossScale;
        this.inputs = new double[n + k];
        this.rowGradient = new double[n];
        this.rho = new double[3];
        this.cachedPoint = new double[n];
        this.cachedResiduals = new double[m];
        this.cachedJacobian = new double[m * n];
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public int residualCount() {
        return m;
    }

    @Override
    public RobustLoss loss() {
        return loss;
    }

    @Override
    public double lossScale() {
        return lossScale;
    }

    List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public double value(double[] p) {
        ensureResiduals(p);
        return cost(cachedResiduals);
    }

    @Override
    public double valueAndGradient(double[] p, double[] gradient) {
        ensureJacobian(p);
        Arrays.fill(gradient, 0, n, 0.0);
        double f = 0;
        for (int i = 0; i < m; i++) {
            double r = cachedResiduals[i];
            loss.evaluate(r * r, lossScale, rho);
            f += rho[0];
            double c = rho[1] * r;
            int o = i * n;
            for (int j = 0; j < n; j++) gradient[j] += c * cachedJacobian[o + j];
        }
        return 0.5 * f;
    }

    @Override
    public void residuals(double[] p, double[] residuals) {
        ensureResiduals(p);
        System.arraycopy(cachedResiduals, 0, residuals, 0, m);
    }

    @Override
    public void jacobian(double[] p, double[] jacobian) {
        ensureJacobian(p);
        System.arraycopy(cachedJacobian, 0, jacobian, 0, m * n);
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    /**
     * The exact Hessian Σᵢ [(ρ' + 2ρ''rᵢ²)·∇rᵢ∇rᵢᵀ + ρ'·rᵢ·∇²rᵢ] with ∇²rᵢ = −wᵢ·∇²model(xᵢ; p), the
     * model's second derivatives by forward-over-reverse differentiation (n + k sweeps per row). The
     * Gauss-Newton matrix JᵀJ alone is not the Hessian unless the residuals vanish.
     */
    @Override
    public void hessian(double[] p, double[] hessian) {
        int inputCount = n + k;
        if (fullHessian == null) {
            fullGradient = new double[inputCount];
            fullHessian = new double[inputCount * inputCount];
        }
        Arrays.fill(hessian, 0, n * n, 0.0);
        System.arraycopy(p, 0, inputs, 0, n);
        for (int i = 0; i < m; i++) {
            System.arraycopy(x, i * k, inputs, n, k);
            double w = weights == null ? 1 : weights[i];
            double model = evaluator.hessian(inputs, fullGradient, fullHessian);
            double r = w * (y[i] - model);
            loss.evaluate(r * r, lossScale, rho);
            double outer = rho[1] + 2 * rho[2] * r * r, curvature = -rho[1] * r * w;
            for (int a = 0; a < n; a++) {
                double ja = -w * fullGradient[a];
                for (int b = 0; b < n; b++) {
                    double jb = -w * fullGradient[b];
                    hessian[a * n + b] += outer * ja * jb + curvature * fullHessian[a * inputCount + b];
                }
            }
        }
    }

    /** Every parameter starts at 1: zero would make many models (b1·exp(−b2·x)) flat in some parameter. */
    @Override
    public double[] defaultStart() {
        double[] start = new double[n];
        Arrays.fill(start, 1.0);
        return start;
    }

    @Override
    public Map<String, Object> describe(double[] p) {
        ensureJacobian(p);
        return FitStatistics.of(cachedResiduals, cachedJacobian, m, n, parameterNames);
    }

    private double cost(double[] r) {
        double f = 0;
        for (int i = 0; i < m; i++) {
            loss.evaluate(r[i] * r[i], lossScale, rho);
            f += rho[0];
        }
        return 0.5 * f;
    }

    private boolean cached(double[] p) {
        return Arrays.equals(p, 0, n, cachedPoint, 0, n);
    }

    private void ensureResiduals(double[] p) {
        if (residualsValid && cached(p)) return;
        System.arraycopy(p, 0, inputs, 0, n);
        for (int i = 0; i < m; i++) {
            System.arraycopy(x, i * k, inputs, n, k);
            double w = weights == null ? 1 : weights[i];
            cachedResiduals[i] = w * (y[i] - evaluator.value(inputs));
        }
        System.arraycopy(p, 0, cachedPoint, 0, n);
        residualsValid = true;
        jacobianValid = false;
    }

    private void ensureJacobian(double[] p) {
        if (jacobianValid && cached(p)) return;
        System.arraycopy(p, 0, inputs, 0, n);
        for (int i = 0; i < m; i++) {
            System.arraycopy(x, i * k, inputs, n, k);
            double w = weights == null ? 1 : weights[i];
            double model = evaluator.valueAndGradient(inputs, rowGradient);
            cachedResiduals[i] = w * (y[i] - model);
            int o = i * n;
            for (int j = 0; j < n; j++) cachedJacobian[o + j] = -w * rowGradient[j];
        }
        System.arraycopy(p, 0, cachedPoint, 0, n);
        residualsValid = true;
        jacobianValid = true;
    }

    @Override
    public String toString() {
        return "NonlinearLeastSquares[m=" + m + ", n=" + n + ", loss=" + loss + "]";
    }
}
