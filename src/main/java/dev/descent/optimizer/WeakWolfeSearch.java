package dev.descent.optimizer;

import dev.descent.linalg.Vectors;

/**
 * Line search for the weak Wolfe conditions by bracketing and bisection (Lewis & Overton 2013,
 * "Nonsmooth optimization via quasi-Newton methods", Math. Programming 141, section 4.2): a trial
 * without sufficient decrease, f(x + td) > f + c1·t·gᵀd, becomes the upper end of the bracket; one
 * with it but with too steep a slope, ∇f(x + td)ᵀd < c2·gᵀd, the lower end; the next trial is the
 * midpoint, or twice the lower end while no upper end is known. Gives up after 60 trials; then the
 * lower end, which satisfies the Armijo condition, is returned if there is one, else 0. As in
 * {@link ArmijoSearch}, sufficient decrease also asks that f actually fell.
 */
final class WeakWolfeSearch implements LineSearch {
    static final int MAX_TRIALS = 60;

    private final double c1, c2;
    private final double[] trialX, lowG;
    private double value;

    WeakWolfeSearch(int n, double c1, double c2) {
        this.c1 = c1;
        this.c2 = c2;
        trialX = new double[n];
        lowG = new double[n];
    }

    @Override
    public double search(Iterate it, double[] x, double t, double[] d, double f, double[] g, double gtd, double[] gradientOut) {
        double low = 0, high = Double.POSITIVE_INFINITY, lowF = f;
        for (int trial = 0; trial < MAX_TRIALS; trial++) {
            Vectors.addScaled(x, t, d, trialX);
            double trialF = it.valueAndGradient(trialX, gradientOut);
            if (!(trialF <= f + c1 * t * gtd && trialF < f)) {   // NaN counts as too far
                high = t;
            } else if (Vectors.dot(gradientOut, d) < c2 * gtd) {
                low = t;
                lowF = trialF;
                System.arraycopy(gradientOut, 0, lowG, 0, lowG.length);
            } else {
                value = trialF;
                return t;
            }
            t = high < Double.POSITIVE_INFINITY ? (low + high) / 2 : 2 * low;
        }
        if (low == 0) return 0;
        value = lowF;
        System.arraycopy(lowG, 0, gradientOut, 0, lowG.length);
        return low;
    }

    @Override
    public double value() {
        return value;
    }
}
