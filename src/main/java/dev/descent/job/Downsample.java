package dev.descent.job;

/**
 * Chooses which recorded points to show when fewer are wanted: largest-triangle-three-buckets
 * (Steinarsson 2013) on (iteration, loss), so spikes and bends of the loss curve survive. The loss is
 * taken on a log scale when it is positive and spans more than two decades, as the plots draw it.
 */
final class Downsample {
    private Downsample() {}

    /** Indices into the first {@code size} points, at most {@code count}, ascending, first and last included. */
    static int[] select(long[] iteration, double[] loss, int size, int count) {
        if (size <= count) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) all[i] = i;
            return all;
        }
        if (count < 3) return count == 1 ? new int[] {0} : new int[] {0, size - 1};
        double[] y = curve(loss, size);
        int[] out = new int[count];
        out[0] = 0;
        double bucket = (double) (size - 2) / (count - 2);
        int chosen = 0;
        for (int b = 0; b < count - 2; b++) {
            int from = (int) Math.floor(b * bucket) + 1, to = (int) Math.floor((b + 1) * bucket) + 1;
            int nextFrom = to, nextTo = Math.min(size, (int) Math.floor((b + 2) * bucket) + 1);
            if (b == count - 3) {
                nextFrom = size - 1;
                nextTo = size;
            }
            double ax = 0, ay = 0;
            for (int i = nextFrom; i < nextTo; i++) {
                ax += iteration[i];
                ay += y[i];
            }
            ax /= nextTo - nextFrom;
            ay /= nextTo - nextFrom;
            double px = iteration[chosen], py = y[chosen], best = -1;
            int pick = from;
            for (int i = from; i < to; i++) {
                double area = Math.abs((px - ax) * (y[i] - py) - (px - iteration[i]) * (ay - py));
                if (area > best) {
                    best = area;
                    pick = i;
                }
            }
            out[b + 1] = pick;
            chosen = pick;
        }
        out[count - 1] = size - 1;
        return out;
    }

    /** The loss as the plots scale it; non-finite values repeat the previous finite one. */
    private static double[] curve(double[] loss, int size) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            if (Double.isFinite(loss[i])) {
                min = Math.min(min, loss[i]);
                max = Math.max(max, loss[i]);
            }
        }
        boolean log = min > 0 && max / min > 100;
        double[] y = new double[size];
        double previous = Double.isFinite(min) ? min : 0;
        for (int i = 0; i < size; i++) {
            double v = Double.isFinite(loss[i]) ? loss[i] : previous;
            previous = v;
            y[i] = log ? Math.log10(v) : v;
        }
        return y;
    }
}
