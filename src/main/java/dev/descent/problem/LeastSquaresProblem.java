package dev.descent.problem;

/**
 * An objective ½Σρ(rᵢ(x)²) over a residual vector r: ℝⁿ → ℝᵐ, with ρ the identity unless a robust
 * {@link #loss()} is set. Least-squares solvers (Gauss-Newton, Levenberg-Marquardt) work on the
 * residuals and their Jacobian rather than on f alone. Arrays are the caller's, as in {@link Problem}.
 */
public interface LeastSquaresProblem extends Problem {

    /** m, the number of residuals. */
    int residualCount();

    /** r(x) into {@code residuals} (length m). */
    void residuals(double[] x, double[] residuals);

    /** ∂rᵢ/∂xⱼ row-major into {@code jacobian} (length m·n). */
    void jacobian(double[] x, double[] jacobian);

    /** The loss ρ applied to each squared residual. */
    default RobustLoss loss() {
        return RobustLoss.LINEAR;
    }

    /** C in ρ(z) = C²·ρ₀(z/C²): residuals much smaller than C are treated as by plain least squares. */
    default double lossScale() {
        return 1;
    }
}
