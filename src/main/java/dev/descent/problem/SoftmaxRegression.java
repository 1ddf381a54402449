package dev.descent.problem;

import dev.descent.linalg.Kernels;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Multinomial (softmax) logistic regression for K > 2 classes. Parameters: the K×n weights W
 * row-major by class, then K intercepts (when fitted). f = (1/m)Σ(logΣₖexp(zᵢₖ) − zᵢ,yᵢ) +
 * (l2/2)‖W‖² + l1‖W‖₁ with zᵢ = Wxᵢ + b, the log-sum-exp shifted by its maximum. The l1 term adds
 * the subgradient l1·sign(W) (0 at zero) and nothing to the Hessian, which is the full
 * (1/m)Σ (diag(pᵢ) − pᵢpᵢᵀ) ⊗ uᵢuᵢᵀ, uᵢ = [xᵢ, 1], plus l2 on the weights: dense in K(n+1)
 * variables, meant for modest sizes.
 *
 * <p>Kernel: per block of rows ({@link dev.descent.linalg.RowMatrix#blockRows()}, kept in cache),
 * the block's scores for each class ({@link dev.descent.linalg.RowMatrix#dots}), the shifted
 * log-sum-exp per row and the coefficients ({@link Kernels#softmax}: eight rows at a time with the
 * Vector API's exp where the JVM has the module), then each class's scaled rows added into its part of the gradient
 * ({@link dev.descent.linalg.RowMatrix#addRows}); dense or CSR rows, work arrays in a reused
 * workspace (no allocation per evaluation), large passes split into chunks by the {@link Design}'s pool.
 */
final class SoftmaxRegression extends RowPassProblem implements L1Penalized {
    private final Design design;
    private final int[] labels;
    private final int n;
    private final int k;
    private final List<Object> classes;
    private final double l2;
    private final double l1;
    private final boolean intercept;
    private final List<String> featureNames;
    private final AtomicReference<Workspace> spare = new AtomicReference<>();

    SoftmaxRegression(Design design, int[] labels, List<Object> classes, double l2, double l1,
                      boolean intercept, List<String> featureNames) {
        super(labels.length);
        this.design = design;
        this.labels = labels;
        this.n = design.columns();
        this.k = classes.size();
        this.classes = classes;
        this.l2 = l2;
        this.l1 = l1;
        this.intercept = intercept;
        this.featureNames = featureNames;
    }

    /**
     * Effective weights per class and biases; per chunk a partial gradient [G (K·n), C (K)], a loss,
     * and a block's scores, then coefficients, per class (K × block).
     */
    private record Workspace(double[][] v, double[] bias, double[][] partial, double[][][] scores, double[] loss,
                             int[][] blockLabels, double[][] labelScores) {}

    @Override
    public int dimension() {
        return intercept ? k * (n + 1) : k * n;
    }

    @Override
    double pass(int[] rows, int from, int to, double[] x, double[] gradient) {
        Workspace w = spare.getAndSet(null);
        if (w == null) {
            int t = design.pool().threads();
            int block = design.x().blockRows();
            w = new Workspace(new double[k][n], new double[k], new double[t][k * n + k], new double[t][k][block],
                    new double[t], new int[t][block], new double[t][block]);
        }
        try {
            for (int c = 0; c < k; c++) w.bias[c] = design.effective(x, c * n, w.v[c]) + (intercept ? x[k * n + c] : 0);
            int count = to - from, chunks = design.chunks(count);
            double scale = 1.0 / count;
            double[][] partial = gradient == null ? null : w.partial;
            if (chunks == 1) {
                w.loss[0] = chunk(rows, from, to, w, 0, scale, partial == null ? null : partial[0]);
            } else {
                Workspace ws = w;
                design.pool().run(chunks, c -> ws.loss[c] = chunk(rows, from + Design.start(c, chunks, count),
                        from + Design.start(c + 1, chunks, count), ws, c, scale, partial == null ? null : partial[c]));
            }
            double loss = 0;
            for (int c = 0; c < chunks; c++) loss += w.loss[c];
            if (gradient != null) {
                double[] g = partial[0];
                for (int c = 1; c < chunks; c++) {
                    double[] p = partial[c];
                    for (int j = 0; j < g.length; j++) g[j] += p[j];
                }
                for (int c = 0; c < k; c++) {
                    design.back(g, c * n, g[k * n + c], gradient, c * n);
                    if (intercept) gradient[k * n + c] = g[k * n + c];
                }
            }
            return loss * scale + penalty(x, gradient);
        } finally {
            spare.set(w);
        }
    }

    /** Loss over rows[from…to) with the work arrays of chunk {@code part}; its partial gradient into g unless null. */
    private double chunk(int[] rows, int from, int to, Workspace w, int part, double scale, double[] g) {
        var data = design.x();
        double[][] z = w.scores[part];
        int[] blockLabels = w.blockLabels[part];
        int block = Math.min(data.blockRows(), z[0].length);
        if (g != null) Arrays.fill(g, 0.0);
        double loss = 0;
        for (int start = from; start < to; start += block) {
            int end = Math.min(to, start + block), length = end - start;
            for (int c = 0; c < k; c++) data.dots(rows, start, end, w.v[c], w.bias[c], z[c]);
            for (int r = 0; r < length; r++) blockLabels[r] = labels[rows == null ? start + r : rows[start + r]];
            loss += Kernels.softmax(z, k, length, blockLabels, scale, g != null, w.labelScores[part]);
            if (g != null) {
                for (int c = 0; c < k; c++) {
                    double[] r = z[c];
                    double s = 0;
                    for (int i = 0; i < length; i++) s += r[i];
                    data.addRows(rows, start, end, r, g, c * n);
                    g[k * n + c] += s;
                }
            }
        }
        return loss;
    }

    /** l1 on each weight, 0 on the intercepts. */
    @Override
    public void l1Weights(double[] out) {
        Arrays.fill(out, 0, k * n, l1);
        Arrays.fill(out, k * n, dimension(), 0.0);
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        int d = dimension(), width = intercept ? n + 1 : n;
        Arrays.fill(hessian, 0, d * d, 0.0);
        double[] p = new double[k], u = new double[width];
        for (int i = 0; i < m; i++) {
            design.row(i, u);
            if (intercept) u[n] = 1;
            probabilities(u, x, p);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double w = p[a] * ((a == b ? 1 : 0) - p[b]) / m;
                    if (w == 0) continue;
                    for (int j = 0; j < width; j++) {
                        double wj = w * u[j];
                        if (wj == 0) continue;
                        int row = index(a, j);
                        for (int l = 0; l < width; l++) {
                            int column = index(b, l);
                            if (column >= row) hessian[row * d + column] += wj * u[l];
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
     * {@code classes}, {@code featureNames}, {@code coefficients} (K rows of n) and {@code intercept}
     * (K) in the data's own units, {@code trainingAccuracy} (argmax, first class on ties),
     * {@code logLoss} (no penalty), and a {@code warning} when no penalty is set and every row's own
     * class scores strictly highest: separable classes, no finite minimizer.
     */
    @Override
    public Map<String, Object> describe(double[] x) {
        double[][] coefficients = new double[k][n];
        double[] bias = new double[k], z = new double[k];
        for (int c = 0; c < k; c++) bias[c] = design.effective(x, c * n, coefficients[c]) + (intercept ? x[k * n + c] : 0);
        double loss = 0;
        int correct = 0, strict = 0;
        for (int i = 0; i < m; i++) {
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int c = 0; c < k; c++) {
                z[c] = design.x().dot(i, coefficients[c]) + bias[c];
                if (z[c] > max) {
                    max = z[c];
                    best = c;
                }
            }
            double sum = 0;
            boolean alone = true;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[c] - max);
                if (c != labels[i] && z[c] >= z[labels[i]]) alone = false;
            }
            loss += Math.log(sum) - (z[labels[i]] - max);
            if (best == labels[i]) correct++;
            if (alone) strict++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("classes", classes);
        out.put("featureNames", featureNames);
        out.put("coefficients", coefficients);
        out.put("intercept", intercept ? bias : new double[k]);
        out.put("trainingAccuracy", (double) correct / m);
        out.put("logLoss", loss / m);
        if (strict == m && l2 == 0 && l1 == 0) out.put("warning", BinaryLogisticRegression.SEPARABLE);
        return out;
    }

    /** Class probabilities of the (model-space) row u into p. */
    private void probabilities(double[] u, double[] x, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double z = intercept ? x[k * n + c] : 0;
            int w = c * n;
            for (int j = 0; j < n; j++) z += x[w + j] * u[j];
            p[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) p[c] /= sum;
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
