package dev.descent.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The statistics of a least-squares fit at its solution, from the residuals r and the Jacobian J:
 * RSS = Σrᵢ², the covariance s²·(JᵀJ)⁻¹ with s² = RSS/(m − n), its square-rooted diagonal (the
 * parameters' standard errors) and the correlation matrix. (JᵀJ)⁻¹ comes from the singular value
 * decomposition of J with its columns scaled to unit length, VΣ⁻²Vᵀ, never from forming JᵀJ, which
 * would square the condition number (Björck, Numerical Methods for Least Squares Problems, 1996,
 * sections 1.4 and 2.7). A parameter whose Jacobian column is zero does not influence the fit: it is
 * listed in {@code unidentifiableParameters}, and when J is rank deficient no standard errors are
 * given (they are infinite), only {@code jacobianRank}.
 */
final class FitStatistics {
    private FitStatistics() {}

    static Map<String, Object> of(double[] r, double[] jacobian, int m, int n, List<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        double rss = 0;
        for (int i = 0; i < m; i++) rss += r[i] * r[i];
        out.put("residualSumOfSquares", rss);
        double[] norms = new double[n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) norms[j] = Math.hypot(norms[j], jacobian[i * n + j]);
        List<String> unidentifiable = new ArrayList<>();
        for (int j = 0; j < n; j++) if (norms[j] == 0) unidentifiable.add(names.get(j));
        if (!allFinite(jacobian)) return out;
        double[] scaled = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) scaled[i * n + j] = norms[j] == 0 ? 0 : jacobian[i * n + j] / norms[j];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, false, true, true);
        if (!svd.decompose(DMatrixRMaj.wrap(m, n, scaled))) return out;
        double[] sigma = svd.getSingularValues();
        int count = Math.min(m, n);
        double max = 0;
        for (int s = 0; s < count; s++) max = Math.max(max, sigma[s]);
        double tolerance = max * Math.max(m, n) * Math.ulp(1.0);
        int rank = 0;
        for (int s = 0; s < count; s++) if (sigma[s] > tolerance) rank++;
        if (!unidentifiable.isEmpty()) out.put("unidentifiableParameters", unidentifiable);
        if (rank < n) {
            out.put("jacobianRank", rank);
            return out;
        }
        if (m <= n) return out;
        DMatrixRMaj v = svd.getV(null, false);   // n×n, columns are right singular vectors
        double s2 = rss / (m - n);
        double[] covariance = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double c = 0;
                for (int s = 0; s < count; s++) c += v.get(a, s) * v.get(b, s) / (sigma[s] * sigma[s]);
                c *= s2 / (norms[a] * norms[b]);
                covariance[a * n + b] = c;
                covariance[b * n + a] = c;
            }
        }
        double[] errors = new double[n];
        for (int j = 0; j < n; j++) errors[j] = Math.sqrt(covariance[j * n + j]);
        out.put("parameterStandardErrors", errors);
        double[][] correlation = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double d = errors[a] * errors[b];
                correlation[a][b] = a == b ? 1 : d > 0 ? covariance[a * n + b] / d : 0;
            }
        }
        out.put("correlationMatrix", correlation);
        return out;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) if (!Double.isFinite(v)) return false;
        return true;
    }
}
