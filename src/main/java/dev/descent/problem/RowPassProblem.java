package dev.descent.problem;

/**
 * A data problem whose every evaluation is one pass over rows: the whole data set for
 * {@link #value} and {@link #valueAndGradient(double[], double[])}, a row sample for
 * {@link #valueAndGradient(double[], double[], int[], int, int)}, all through the subclass's
 * {@link #pass}.
 */
abstract class RowPassProblem implements Problem, RowSampled {
    /** Data rows. */
    final int m;

    RowPassProblem(int m) {
        this.m = m;
    }

    /**
     * The objective over rows[from…to) (rows from…to when {@code rows} is null), scaled as a mean
     * over those rows as the subclass defines it, plus the penalty; the gradient into
     * {@code gradient} too unless it is null.
     */
    abstract double pass(int[] rows, int from, int to, double[] x, double[] gradient);

    @Override
    public final double value(double[] x) {
        return pass(null, 0, m, x, null);
    }

    @Override
    public final double valueAndGradient(double[] x, double[] gradient) {
        return pass(null, 0, m, x, gradient);
    }

    @Override
    public final int rows() {
        return m;
    }

    @Override
    public final double valueAndGradient(double[] x, double[] gradient, int[] rows, int from, int to) {
        return pass(rows, from, to, x, gradient);
    }
}
