package dev.descent.optimizer;

/**
 * Duchi, Hazan & Singer 2011, in torch 1.13's form: sum starts at {@code initialAccumulatorValue},
 * sum ← sum + g², step = g / (√sum + ε) with ε outside the root, times torch's learning-rate decay
 * 1 / (1 + (t − 1)·lrDecay). The decay lives here rather than in the schedule because torch ties it
 * to the optimizer's own step count.
 */
record ScaleByAdagrad(double lrDecay, double initialAccumulatorValue, double epsilon)
        implements UpdateRule<double[]> {

    @Override
    public double[] init(int n) {
        double[] sum = new double[n];
        java.util.Arrays.fill(sum, initialAccumulatorValue);
        return sum;
    }

    @Override
    public void update(double[] g, double[] sum, double[] x, long t) {
        double decay = 1 + (t - 1) * lrDecay;
        for (int i = 0; i < g.length; i++) {
            sum[i] += g[i] * g[i];
            g[i] = g[i] / (Math.sqrt(sum[i]) + epsilon) / decay;
        }
    }
}
