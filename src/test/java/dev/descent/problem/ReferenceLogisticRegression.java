package dev.descent.problem;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The straightforward binary logistic regression that the kernels replaced, kept as a reference for the tests.
 *
 * Binary logistic regression, parameters [w (n), b]: f = (1/m)Σ softplus(−yᵢzᵢ) + (l2/2)‖w‖² +
 * l1‖w‖₁ with zᵢ = w·xᵢ + b and yᵢ = ±1 (+1 for the second class in sorted order). The softplus is
 * evaluated as log1p(exp(−|t|)) + max(−t, 0), finite for any margin. The l1 term contributes the
 * subgradient l1·sign(w) (0 at wⱼ = 0) to the gradient and nothing to the Hessian, which is
 * XᵀDX/m + l2 on the weights with D = diag(σ(zᵢ)σ(−zᵢ)). Each evaluation is one pass over the rows
 * and allocates nothing.
 */
final class ReferenceLogisticRegression implements Problem, RowSampled {
    private final double[] features;  // m×n row-major
    private final double[] y;
    private final int m;
    private final int n;
    private final double l2;
    private final double l1;
    private final boolean intercept;
    private final List<Object> classes;
    private final List<String> featureNames;

    ReferenceLogisticRegression(double[] features, double[] y, int n, double l2, double l1, boolean intercept,
                             List<Object> classes, List<String> featureNames) {
        this.features = features;
        this.y = y;
        this.m = y.length;
        this.n = n;
        this.l2 = l2;
        this.l1 = l1;
        this.intercept = intercept;
        this.classes = classes;
        this.featureNames = featureNames;
    }

    @Override
    public int dimension() {
        return intercept ? n + 1 : n;
    }

    @Override
    public double value(double[] x) {
        double loss = 0;
        for (int i = 0; i < m; i++) loss += softplus(-y[i] * z(i, x));
        return loss / m + penalty(x, null);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        Arrays.fill(gradient, 0, dimension(), 0.0);
        double loss = 0;
        for (int i = 0; i < m; i++) {
            double t = y[i] * z(i, x);
            loss += softplus(-t);
            double c = -y[i] * sigmoid(-t) / m;  // ∂lossᵢ/∂zᵢ, scaled by 1/m
            int o = i * n;
            for (int j = 0; j < n; j++) gradient[j] += c * features[o + j];
            if (intercept) gradient[n] += c;
        }
        return loss / m + penalty(x, gradient);
    }

    @Override
    public int rows() {
        return m;
    }

    /** The same sum over the batch's rows, divided by the batch size instead of m. */
    @Override
    public double valueAndGradient(double[] x, double[] gradient, int[] rows, int from, int to) {
        Arrays.fill(gradient, 0, dimension(), 0.0);
        int size = to - from;
        double loss = 0;
        for (int k = from; k < to; k++) {
            int i = rows[k];
            double t = y[i] * z(i, x);
            loss += softplus(-t);
            double c = -y[i] * sigmoid(-t) / size;
            int o = i * n;
            for (int j = 0; j < n; j++) gradient[j] += c * features[o + j];
            if (intercept) gradient[n] += c;
        }
        return loss / size + penalty(x, gradient);
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        int d = dimension();
        Arrays.fill(hessian, 0, d * d, 0.0);
        for (int i = 0; i < m; i++) {
            double s = sigmoid(z(i, x));
            double w = s * (1 - s) / m;
            int o = i * n;
            for (int j = 0; j < n; j++) {
                double wj = w * features[o + j];
                for (int k = j; k < n; k++) hessian[j * d + k] += wj * features[o + k];
                if (intercept) hessian[j * d + n] += wj;
            }
            if (intercept) hessian[n * d + n] += w;
        }
        for (int j = 0; j < d; j++) for (int k = 0; k < j; k++) hessian[j * d + k] = hessian[k * d + j];
        for (int j = 0; j < n; j++) hessian[j * d + j] += l2;
    }

    /**
     * {@code classes}, {@code featureNames}, {@code coefficients} (n), {@code intercept},
     * {@code trainingAccuracy} (positive class predicted when z > 0), {@code logLoss} (mean data
     * loss, no penalty).
     */
    @Override
    public Map<String, Object> describe(double[] x) {
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < m; i++) {
            double z = z(i, x);
            loss += softplus(-y[i] * z);
            if ((z > 0) == (y[i] > 0)) correct++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("classes", classes);
        out.put("featureNames", featureNames);
        out.put("coefficients", Arrays.copyOf(x, n));
        out.put("intercept", intercept ? x[n] : 0.0);
        out.put("trainingAccuracy", (double) correct / m);
        out.put("logLoss", loss / m);
        return out;
    }

    private double z(int i, double[] x) {
        int o = i * n;
        double s = intercept ? x[n] : 0;
        for (int j = 0; j < n; j++) s += features[o + j] * x[j];
        return s;
    }

    /** (l2/2)‖w‖² + l1‖w‖₁, adding l2·w + l1·sign(w) into {@code gradient} unless it is null. */
    private double penalty(double[] x, double[] gradient) {
        if (l2 == 0 && l1 == 0) return 0;
        double p = 0;
        for (int j = 0; j < n; j++) {
            p += 0.5 * l2 * x[j] * x[j] + l1 * Math.abs(x[j]);
            if (gradient != null) gradient[j] += l2 * x[j] + l1 * Math.signum(x[j]);
        }
        return p;
    }

    /** log(1 + eᵘ), without overflow for large u or loss of digits for very negative u. */
    static double softplus(double u) {
        return Math.log1p(Math.exp(-Math.abs(u))) + Math.max(u, 0);
    }

    /** 1/(1 + e⁻ᵘ) without overflow. */
    static double sigmoid(double u) {
        if (u >= 0) return 1 / (1 + Math.exp(-u));
        double e = Math.exp(u);
        return e / (1 + e);
    }
}
