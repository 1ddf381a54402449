package dev.descent.problem;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Provides;
import dev.descent.spec.Violations;
import jakarta.validation.constraints.PositiveOrZero;

/** f(x) = ½‖Ax − b‖² + ½·ridge·‖x‖² for an m×n matrix A given inline. */
@Describe(value = "Linear least squares ½‖Ax − b‖² + ½·ridge·‖x‖² (ridge regression when ridge > 0)",
          reference = "Golub & Van Loan, Matrix Computations, 4th ed., section 5.3; Hoerl & Kennard 1970")
@Provides({Capability.GRADIENT, Capability.HESSIAN, Capability.QUADRATIC, Capability.LEAST_SQUARES, Capability.DATASET})
public record LinearLeastSquaresSpec(
        @Describe("Design matrix A, m rows of n entries") double[][] a,
        @Describe("Observations b, one per row of a") double[] b,
        @Describe("Tikhonov (ridge) weight λ ≥ 0 on ½‖x‖² (default 0)") @PositiveOrZero Double ridge)
        implements ProblemSpec {

    public LinearLeastSquaresSpec {
        ridge = requireNonNullElse(ridge, 0.0);
    }

    @Override
    public void check(Violations v, Limits limits) {
        int n = Rows.columns(v, "a", a);
        if (n > 0) Rows.checkDimension(v, "a", n, limits.maxDimension());
        if (b == null) v.add("b", "is required");
        else if (a != null) Rows.checkLength(v, "b", b, a.length, "a has " + a.length + " rows");
    }

    @Override
    public int dimension() {
        return a[0].length;
    }

    @Override
    public Problem create() {
        return new LinearLeastSquares(Rows.flatten(a), b.clone(), ridge);
    }

    @Override
    public boolean quadratic() {
        return true;
    }
}
