package dev.descent.problem;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The loss ρ₀ applied to squared residuals z = r², as scipy.optimize.least_squares defines them, and
 * scaled by C as there: ρ(z) = C²·ρ₀(z/C²), so ρ'(z) = ρ₀'(z/C²) and ρ''(z) = ρ₀''(z/C²)/C².
 * Every loss has ρ₀(z) ≈ z, ρ₀'(0) = 1 near zero and grows slower than z beyond 1.
 */
public enum RobustLoss {
    /** ρ₀(z) = z: ordinary least squares. */
    @JsonProperty("linear") LINEAR,
    /** ρ₀(z) = z for z ≤ 1, else 2√z − 1. */
    @JsonProperty("huber") HUBER,
    /** ρ₀(z) = 2(√(1 + z) − 1), a smooth approximation of the l1 loss. */
    @JsonProperty("soft-l1") SOFT_L1,
    /** ρ₀(z) = ln(1 + z). */
    @JsonProperty("cauchy") CAUCHY,
    /** ρ₀(z) = arctan(z); bounds the cost of a single residual. */
    @JsonProperty("arctan") ARCTAN;

    /** ρ(z), ρ'(z), ρ''(z) with scale C into {@code out} (length 3). */
    public void evaluate(double z, double scale, double[] out) {
        double c2 = scale * scale, t = z / c2;
        double rho, d1, d2;
        switch (this) {
            case LINEAR -> { rho = t; d1 = 1; d2 = 0; }
            case HUBER -> {
                if (t <= 1) { rho = t; d1 = 1; d2 = 0; }
                else { double s = Math.sqrt(t); rho = 2 * s - 1; d1 = 1 / s; d2 = -0.5 / (s * t); }
            }
            case SOFT_L1 -> {
                double s = Math.sqrt(1 + t);
                rho = 2 * (s - 1); d1 = 1 / s; d2 = -0.5 / (s * (1 + t));
            }
            case CAUCHY -> { rho = Math.log1p(t); d1 = 1 / (1 + t); d2 = -d1 * d1; }
            default -> { double q = 1 + t * t; rho = Math.atan(t); d1 = 1 / q; d2 = -2 * t / (q * q); }
        }
        out[0] = c2 * rho;
        out[1] = d1;
        out[2] = d2 / c2;
    }
}
