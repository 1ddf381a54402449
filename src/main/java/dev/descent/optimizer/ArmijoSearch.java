package dev.descent.optimizer;

import dev.descent.linalg.Vectors;

/**
 * Backtracking line search, Nocedal & Wright 2006, Algorithm 3.1: from the first trial t, multiply
 * by {@code factor} until the sufficient-decrease (Armijo) condition f(x + td) ≤ f + c1·t·gᵀd holds
 * and f actually fell (once c1·t·gᵀd is below the rounding of f the condition alone would accept
 * a step that changes nothing).
 * Each trial evaluates f and ∇f together, so the accepted trial needs no second evaluation. Gives
 * up (step 0) after 60 reductions, when with factor ½ the step is 1e-18 of the first trial.
 */
final class ArmijoSearch implements LineSearch {
    static final int MAX_REDUCTIONS = 60;

    private final double c1, factor;
    private final double[] trialX;
    private double value;

    ArmijoSearch(int n, double c1, double factor) {
        this.c1 = c1;
        this.factor = factor;
        trialX = new double[n];
    }

    @Override
    public double search(Iterate it, double[] x, double t, double[] d, double f, double[] g, double gtd, double[] gradientOut) {
        for (int reductions = 0; reductions <= MAX_REDUCTIONS; reductions++, t *= factor) {
            Vectors.addScaled(x, t, d, trialX);
            double trialF = it.valueAndGradient(trialX, gradientOut);
            if (trialF <= f + c1 * t * gtd && trialF < f) {
                value = trialF;
                return t;
            }
        }
        return 0;
    }

    @Override
    public double value() {
        return value;
    }
}
