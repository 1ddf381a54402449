package dev.descent.problem;

import dev.descent.linalg.Kernels;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Binary logistic regression, parameters [w (n), b]: f = (1/m)Σ softplus(−yᵢzᵢ) + (l2/2)‖w‖² +
 * l1‖w‖₁ with zᵢ = w·xᵢ + b and yᵢ = ±1 (+1 for the second class in sorted order). The l1 term
 * contributes the subgradient l1·sign(w) (0 at wⱼ = 0) to the gradient and nothing to the Hessian,
 * which is XᵀDX/m + l2 on the weights with D = diag(σ(zᵢ)σ(−zᵢ)).
 *
 * <p>Kernel: blocks of rows that stay in cache ({@link dev.descent.linalg.RowMatrix#blockRows()}), each read
 * twice while it stays in cache: the block's scores first ({@link dev.descent.linalg.RowMatrix#dots}),
 * then the losses and coefficients ({@link Kernels#logistic}), then the scaled rows added into the
 * gradient ({@link dev.descent.linalg.RowMatrix#addRows}); dense or CSR rows alike, Vector API code
 * where the JVM has the module and scalar code otherwise ({@link Kernels}). One exp per row and one
 * log per block: with e = exp(−|t|), softplus(−t) = log(1 + e) + max(−t, 0) and σ(−t) is e/(1+e) or
 * 1/(1+e) — finite for any margin — and Σₖ log(1 + eₖ) = log Πₖ(1 + eₖ), a product of factors in
 * [1, 2] (no overflow; each factor's rounding costs ≤ 1.1e-16 of the sum, as log(1 + e) per row
 * would). With l1 > 0 {@code lbfgs} takes OWL-QN steps ({@link L1Penalized}). Work arrays live in a
 * reused workspace, so an evaluation allocates nothing; large passes are split by the
 * {@link Design}'s kernel pool into per-chunk partial gradients summed in chunk order.
 */
final class BinaryLogisticRegression extends RowPassProblem implements L1Penalized {
    private final Design design;
    private final double[] y;
    private final int n;
    private final double l2;
    private final double l1;
    private final boolean intercept;
    private final List<Object> classes;
    private final List<String> featureNames;
    private final AtomicReference<Workspace> spare = new AtomicReference<>();

    /** @param y ±1 per row of the design */
    BinaryLogisticRegression(Design design, double[] y, double l2, double l1, boolean intercept,
                             List<Object> classes, List<String> featureNames) {
        super(y.length);
        this.design = design;
        this.y = y;
        this.n = design.columns();
        this.l2 = l2;
        this.l1 = l1;
        this.intercept = intercept;
        this.classes = classes;
        this.featureNames = featureNames;
    }

    /**
     * Effective weights, and per chunk a partial gradient [G, C], a loss, and a block's scores,
     * coefficients and (for a row sample) labels.
     */
    private record Workspace(double[] v, double[][] partial, double[] loss, double[][] z, double[][] c,
                             double[][] labels) {}

    @Override
    public int dimension() {
        return intercept ? n + 1 : n;
    }

    /** Mean loss over rows[from…to) (or rows from…to when {@code rows} is null) plus the penalty; the gradient too unless null. */
    @Override
    double pass(int[] rows, int from, int to, double[] x, double[] gradient) {
        Workspace w = spare.getAndSet(null);
        if (w == null) {
            int t = design.pool().threads(), block = design.x().blockRows();
            w = new Workspace(new double[n], new double[t][n + 1], new double[t], new double[t][block],
                    new double[t][block], new double[t][block]);
        }
        try {
            double bias = design.effective(x, 0, w.v) + (intercept ? x[n] : 0);
            int count = to - from, chunks = design.chunks(count);
            double scale = 1.0 / count;
            double[][] partial = gradient == null ? null : w.partial;
            if (chunks == 1) {
                w.loss[0] = chunk(rows, from, to, w.v, bias, scale, partial == null ? null : partial[0], w.z[0], w.c[0],
                        w.labels[0]);
            } else {
                Workspace ws = w;
                design.pool().run(chunks, c -> ws.loss[c] = chunk(rows, from + Design.start(c, chunks, count),
                        from + Design.start(c + 1, chunks, count), ws.v, bias, scale, partial == null ? null : partial[c],
                        ws.z[c], ws.c[c], ws.labels[c]));
            }
            double loss = 0;
            for (int c = 0; c < chunks; c++) loss += w.loss[c];
            if (gradient != null) {
                double[] g = partial[0];
                for (int c = 1; c < chunks; c++) {
                    double[] p = partial[c];
                    for (int j = 0; j <= n; j++) g[j] += p[j];
                }
                design.back(g, 0, g[n], gradient, 0);
                if (intercept) gradient[n] = g[n];
            }
            return loss * scale + penalty(x, gradient);
        } finally {
            spare.set(w);
        }
    }

    /**
     * Σ softplus(−yᵢzᵢ) over the rows; when g is not null, g = [Σcᵢxᵢ, Σcᵢ] with cᵢ = −yᵢσ(−yᵢzᵢ)·scale.
     * {@code z} and {@code c} hold a block's scores and coefficients.
     */
    private double chunk(int[] rows, int from, int to, double[] v, double bias, double scale, double[] g,
                         double[] z, double[] c, double[] labels) {
        var data = design.x();
        int block = Math.min(data.blockRows(), z.length);
        double loss = 0, sum = 0;
        if (g != null) Arrays.fill(g, 0.0);
        for (int start = from; start < to; start += block) {
            int end = Math.min(to, start + block), length = end - start;
            data.dots(rows, start, end, v, bias, z);
            if (rows == null) {
                loss += Kernels.logistic(z, y, start, length, scale, c);
            } else {
                for (int k = 0; k < length; k++) labels[k] = y[rows[start + k]];
                loss += Kernels.logistic(z, labels, 0, length, scale, c);
            }
            if (g != null) {
                for (int k = 0; k < length; k++) sum += c[k];
                data.addRows(rows, start, end, c, g, 0);
            }
        }
        if (g != null) g[n] = sum;
        return loss;
    }

    /** l1 on each weight, 0 on the intercept. */
    @Override
    public void l1Weights(double[] out) {
        Arrays.fill(out, 0, n, l1);
        if (intercept) out[n] = 0;
    }

    @Override
    public boolean hasHessian() {
        return true;
    }

    @Override
    public void hessian(double[] x, double[] hessian) {
        int d = dimension();
        Arrays.fill(hessian, 0, d * d, 0.0);
        double[] u = new double[n];
        for (int i = 0; i < m; i++) {
            design.row(i, u);
            double z = intercept ? x[n] : 0;
            for (int j = 0; j < n; j++) z += u[j] * x[j];
            double s = sigmoid(z);
            double w = s * (1 - s) / m;
            for (int j = 0; j < n; j++) {
                double wj = w * u[j];
                if (wj == 0) continue;
                for (int k = j; k < n; k++) hessian[j * d + k] += wj * u[k];
                if (intercept) hessian[j * d + n] += wj;
            }
            if (intercept) hessian[n * d + n] += w;
        }
        for (int j = 0; j < d; j++) for (int k = 0; k < j; k++) hessian[j * d + k] = hessian[k * d + j];
        for (int j = 0; j < n; j++) hessian[j * d + j] += l2;
    }

    /**
     * {@code classes}, {@code featureNames}, {@code coefficients} (n) and {@code intercept} in the
     * data's own units (standardization folded back), {@code trainingAccuracy} (positive class
     * predicted when z > 0), {@code logLoss} (mean data loss, no penalty), and a {@code warning}
     * when no penalty is set and every row is on its side with a positive margin: the classes are
     * separable, so the loss has no finite minimizer and the weights only grow as the run goes on.
     */
    @Override
    public Map<String, Object> describe(double[] x) {
        double[] v = new double[n];
        double bias = design.effective(x, 0, v) + (intercept ? x[n] : 0);
        double loss = 0;
        int correct = 0, margins = 0;
        for (int i = 0; i < m; i++) {
            double z = design.x().dot(i, v) + bias;
            loss += softplus(-y[i] * z);
            if ((z > 0) == (y[i] > 0)) correct++;
            if (y[i] * z > 0) margins++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("classes", classes);
        out.put("featureNames", featureNames);
        out.put("coefficients", v);
        out.put("intercept", bias);
        out.put("trainingAccuracy", (double) correct / m);
        out.put("logLoss", loss / m);
        if (margins == m && l2 == 0 && l1 == 0) out.put("warning", SEPARABLE);
        return out;
    }

    static final String SEPARABLE = "The training data are linearly separable: every row is classified correctly "
            + "with a positive margin. Without a penalty the log-loss has no finite minimizer; it only approaches 0 "
            + "as the coefficients grow without bound, so these coefficients depend on when the run stopped. "
            + "Set l2 > 0 for a unique, finite solution.";

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
