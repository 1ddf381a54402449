package dev.descent.linalg;

/**
 * Sums and dot products in twice the working precision, as if computed in quadruple precision and
 * rounded once: error-free transformations TwoSum (Knuth) and TwoProduct (by {@link Math#fma}),
 * algorithm Dot2 of Ogita, Rump &amp; Oishi, "Accurate sum and dot product", SIAM J. Sci. Comput.
 * 26(6), 2005. Used for residuals of least-squares refinement, where the plain sum would cancel.
 */
public final class CompensatedSum {
    private double sum, error;

    /** Starts at zero. */
    public CompensatedSum reset() {
        sum = 0;
        error = 0;
        return this;
    }

    /** Adds v exactly (up to the final rounding). */
    public CompensatedSum add(double v) {
        double s = sum + v, z = s - sum;
        error += (sum - (s - z)) + (v - z);
        sum = s;
        return this;
    }

    /** Adds a·b exactly (up to the final rounding). */
    public CompensatedSum addProduct(double a, double b) {
        double p = a * b;
        double pe = Math.fma(a, b, -p);
        double s = sum + p, z = s - sum;
        error += (sum - (s - z)) + (p - z) + pe;
        sum = s;
        return this;
    }

    /** The sum, rounded once. */
    public double value() {
        return sum + error;
    }
}
