package dev.descent.optimizer;

import dev.descent.problem.RowSampled;


/**
 * Minibatches of a row-sampled problem drawn without replacement: each epoch is a fresh seeded
 * Fisher–Yates shuffle of the rows, cut into consecutive batches of {@code size}; the last batch of
 * an epoch is smaller when {@code size} does not divide m (torch DataLoader with
 * {@code drop_last=False}). So every row is used exactly once per epoch, and a seed fixes the
 * whole sequence.
 */
final class Minibatches implements java.io.Serializable {
    private final RowSampled problem;
    private final int[] order;
    private final int size;
    private final SeededRandom random;
    private int from;
    private int to;

    /** @param size rows per batch; more than the problem has means all of them */
    Minibatches(RowSampled problem, int size, long seed) {
        this.problem = problem;
        this.order = new int[problem.rows()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        this.size = Math.min(size, order.length);
        this.random = new SeededRandom(seed);
        this.to = order.length;  // the first call to next() starts an epoch
    }

    /** Moves to the next batch, reshuffling at the start of each epoch. */
    void next() {
        if (to >= order.length) {
            shuffle();
            to = 0;
        }
        from = to;
        to = Math.min(from + size, order.length);
    }

    /** f_B and ∇f_B of the current batch at x, the gradient into {@code gradient}. */
    double valueAndGradient(double[] x, double[] gradient) {
        return problem.valueAndGradient(x, gradient, order, from, to);
    }

    /** The rows of the current batch, a copy (for tests). */
    int[] batch() {
        return java.util.Arrays.copyOfRange(order, from, to);
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
