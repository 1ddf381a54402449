package dev.descent.problem;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Provides;
import dev.descent.spec.Violations;

/** f(x) = ½xᵀAx − bᵀx + c with A symmetric, given densely or as its diagonal. */
@Describe(value = "Quadratic ½xᵀAx − bᵀx + c with symmetric A (dense rows or a diagonal)",
          reference = "Nocedal & Wright, Numerical Optimization, 2nd ed., eq. 5.2")
@Provides({Capability.GRADIENT, Capability.HESSIAN, Capability.QUADRATIC})
public record QuadraticSpec(
        @Describe("Symmetric n×n matrix A as rows; give this or diagonal") double[][] a,
        @Describe("Diagonal of A (n entries) for a separable quadratic; give this or a") double[] diagonal,
        @Describe("Linear term b (n entries, default zeros)") double[] b,
        @Describe("Constant c (default 0)") Double c) implements ProblemSpec {

    /** Relative tolerance of the symmetry check, against max|aᵢⱼ|. */
    static final double SYMMETRY_TOLERANCE = 1e-12;

    public QuadraticSpec {
        c = requireNonNullElse(c, 0.0);
    }

    @Override
    public void check(Violations v, Limits limits) {
        if (a == null && diagonal == null) {
            v.add("a", "either a (n×n rows) or diagonal (n entries) is required");
            return;
        }
        if (a != null && diagonal != null) {
            v.add("diagonal", "give either a or diagonal, not both");
            return;
        }
        int n;
        if (diagonal != null) {
            n = diagonal.length;
            if (!v.check(n > 0, "diagonal", "must have at least one entry")) return;
            if (!Rows.checkDimension(v, "diagonal", n, limits.maxDimension())) return;
        } else {
            n = Rows.columns(v, "a", a);
            if (n < 0) return;
            if (!v.check(a.length == n, "a", "has " + a.length + " rows of " + n + " entries; A must be square")) return;
            if (!Rows.checkDimension(v, "a", n, limits.maxDimension())) return;
            checkSymmetric(v, a);
        }
        if (b != null) Rows.checkLength(v, "b", b, n, "expected " + n + ", the dimension of " + (a != null ? "a" : "diagonal"));
    }

    private static void checkSymmetric(Violations v, double[][] a) {
        double max = 0;
        for (double[] row : a) for (double x : row) max = Math.max(max, Math.abs(x));
        double tolerance = SYMMETRY_TOLERANCE * max;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > tolerance) {
                    // The first asymmetric pair is enough to act on; a full list could be n²/2 long.
                    v.add("a[" + i + "][" + j + "]", "is " + a[i][j] + " but a[" + j + "][" + i + "] is " + a[j][i]
                            + "; A must be symmetric");
                    return;
                }
            }
        }
    }

    @Override
    public int dimension() {
        return diagonal != null ? diagonal.length : a.length;
    }

    @Override
    public Problem create() {
        int n = dimension();
        double[] linear = b != null ? b.clone() : new double[n];
        return diagonal != null
                ? new DiagonalQuadratic(diagonal.clone(), linear, c)
                : new DenseQuadratic(Rows.flatten(a), linear, c);
    }

    @Override
    public boolean quadratic() {
        return true;
    }
}
