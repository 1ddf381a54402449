package dev.descent.problem;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The straightforward softmax regression that the kernels replaced, kept as a reference for the tests.
 *
 * Multinomial (softmax) logistic regression for K > 2 classes. Parameters: the K×n weights W
 * row-major by class, then K intercepts (when fitted). f = (1/m)Σ(logΣₖexp(zᵢₖ) − zᵢ,yᵢ) +
 * (l2/2)‖W‖² + l1‖W‖₁ with zᵢ = Wxᵢ + b, the log-sum-exp shifted by its maximum. The l1 term adds
 * the subgradient l1·sign(W) (0 at zero) and nothing to the Hessian, which is the full
 * (1/m)Σ (diag(pᵢ) − pᵢpᵢᵀ) ⊗ uᵢuᵢᵀ, uᵢ = [xᵢ, 1], plus l2 on the weights: dense in K(n+1)
 * variables, meant for modest sizes. Evaluations use one K-sized scratch array per call.
 */
final class ReferenceSoftmaxRegression implements Problem, RowSampled {
    private final double[] features;  // m×n row-major
    private final int[] labels;
    private final int m;
    private final int n;
    private final int k;
    private final List<Object> classes;
    private final double l2;
    private final double l1;
    private final boolean intercept;
    private final List<String> featureNames;

    ReferenceSoftmaxRegression(double[] features, int[] labels, int n, List<Object> classes, double l2, double l1,
                      boolean intercept, List<String> featureNames) {
        this.features = features;
        this.labels = labels;
        this.m = labels.length;
        this.n = n;
        this.k = classes.size();
        this.classes = classes;
        this.l2 = l2;
        this.l1 = l1;
        this.intercept = intercept;
        this.featureNames = featureNames;
    }

    @Override
    public int dimension() {
        return intercept ? k * (n + 1) : k * n;
    }

    @Override
    public double value(double[] x) {
        double[] p = new double[k];
        double loss = 0;
        for (int i = 0; i < m; i++) loss += probabilities(i, x, p);
        return loss / m + penalty(x, null);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        Arrays.fill(gradient, 0, dimension(), 0.0);
        double[] p = new double[k];
        double loss = 0;
        for (int i = 0; i < m; i++) {
            loss += probabilities(i, x, p);
            int o = i * n;
            for (int c = 0; c < k; c++) {
                double r = (p[c] - (c == labels[i] ? 1 : 0)) / m;  // ∂lossᵢ/∂zᵢc, scaled by 1/m
                int w = c * n;
                for (int j = 0; j < n; j++) gradient[w + j] += r * features[o + j];
                if (intercept) gradient[k * n + c] += r;
            }
        }
        return loss / m + penalty(x, gradient);
    }

    @Override
    public int rows() {
        return m;
    }

    /** The same sum over the batch's rows, divided by the batch size instead of m (one K-sized scratch array per call). */
    @Override
    public double valueAndGradient(double[] x, double[] gradient, int[] rows, int from, int to) {
        Arrays.fill(gradient, 0, dimension(), 0.0);
        double[] p = new double[k];
        int size = to - from;
        double loss = 0;
        for (int s = from; s < to; s++) {
            int i = rows[s];
            loss += probabilities(i, x, p);
            int o = i * n;
            for (int c = 0; c < k; c++) {
                double r = (p[c] - (c == labels[i] ? 1 : 0)) / size;
                int w = c * n;
                for (int j = 0; j < n; j++) gradient[w + j] += r * features[o + j];
                if (intercept) gradient[k * n + c] += r;
            }
        }
        return loss / size + penalty(x, gradient);
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        int d = dimension(), u = intercept ? n + 1 : n;
        Arrays.fill(hessian, 0, d * d, 0.0);
        double[] p = new double[k];
        for (int i = 0; i < m; i++) {
            probabilities(i, x, p);
            int o = i * n;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double w = p[a] * ((a == b ? 1 : 0) - p[b]) / m;
                    if (w == 0) continue;
                    for (int j = 0; j < u; j++) {
                        double wj = w * (j < n ? features[o + j] : 1);
                        int row = index(a, j);
                        for (int l = 0; l < u; l++) {
                            int column = index(b, l);
                            if (column >= row) hessian[row * d + column] += wj * (l < n ? features[o + l] : 1);
                        }
                    }
                }
            }
        }
        // Upper triangle accumulated, mirrored: exactly symmetric and half the work.
        for (int r = 0; r < d; r++) for (int c = 0; c < r; c++) hessian[r * d + c] = hessian[c * d + r];
        for (int c = 0; c < k * n; c++) hessian[c * d + c] += l2;
    }

    /**
     * {@code classes}, {@code featureNames}, {@code coefficients} (K rows of n), {@code intercept}
     * (K), {@code trainingAccuracy} (argmax, first class on ties), {@code logLoss} (no penalty).
     */
    @Override
    public Map<String, Object> describe(double[] x) {
        double[] p = new double[k];
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < m; i++) {
            loss += probabilities(i, x, p);
            int best = 0;
            for (int c = 1; c < k; c++) if (p[c] > p[best]) best = c;
            if (best == labels[i]) correct++;
        }
        double[][] coefficients = new double[k][];
        for (int c = 0; c < k; c++) coefficients[c] = Arrays.copyOfRange(x, c * n, c * n + n);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("classes", classes);
        out.put("featureNames", featureNames);
        out.put("coefficients", coefficients);
        out.put("intercept", intercept ? Arrays.copyOfRange(x, k * n, k * n + k) : new double[k]);
        out.put("trainingAccuracy", (double) correct / m);
        out.put("logLoss", loss / m);
        return out;
    }

    /** Row i's class probabilities into p; returns its loss logΣexp(z) − z_y. */
    private double probabilities(int i, double[] x, double[] p) {
        int o = i * n;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double z = intercept ? x[k * n + c] : 0;
            int w = c * n;
            for (int j = 0; j < n; j++) z += x[w + j] * features[o + j];
            p[c] = z;
            max = Math.max(max, z);
        }
        double shiftedLabel = p[labels[i]] - max, sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) p[c] /= sum;
        return Math.log(sum) - shiftedLabel;
    }

    /** Position of weight j of class c (j = n: its intercept). */
    private int index(int c, int j) {
        return j < n ? c * n + j : k * n + c;
    }

    private double penalty(double[] x, double[] gradient) {
        if (l2 == 0 && l1 == 0) return 0;
        double s = 0;
        for (int c = 0; c < k * n; c++) {
            s += 0.5 * l2 * x[c] * x[c] + l1 * Math.abs(x[c]);
            if (gradient != null) gradient[c] += l2 * x[c] + l1 * Math.signum(x[c]);
        }
        return s;
    }
}
