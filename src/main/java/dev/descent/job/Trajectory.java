package dev.descent.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A job's recorded points in primitive columns. Holds at most {@code capacity} points: when full,
 * every second point is dropped (the first is kept) and from then on only every {@code stride}-th
 * offered point is kept, so the kept points stay evenly spread over the run. The final point is
 * always kept. One writer (the run) and many readers; the lock is uncontended on the write path.
 */
final class Trajectory {
    private final int capacity;
    private final int width;
    private long[] iteration;
    private double[] loss, gradientNorm, learningRate, elapsed, x;
    private int size;
    private long stride = 1;
    private long offered;
    private boolean thinned;
    private final Runnable onThin;

    /** @param width the point dimension when points are recorded, else 0 */
    Trajectory(int capacity, int width) {
        this(capacity, width, () -> {});
    }

    /** @param onThin told the first time older points are thinned */
    Trajectory(int capacity, int width, Runnable onThin) {
        this.onThin = onThin;
        this.capacity = Math.max(2, capacity);
        this.width = width;
        int initial = Math.min(this.capacity, 64);
        iteration = new long[initial];
        loss = new double[initial];
        gradientNorm = new double[initial];
        learningRate = new double[initial];
        elapsed = new double[initial];
        x = new double[initial * width];
    }

    synchronized void append(long k, double f, double g, double lr, double ms, double[] point, boolean last) {
        if (size > 0 && iteration[size - 1] == k) {
            return; // the loop may offer its final point twice
        }
        if (!last && offered++ % stride != 0) return;
        if (size == capacity) thin();
        if (size == iteration.length) grow();
        iteration[size] = k;
        loss[size] = f;
        gradientNorm[size] = g;
        learningRate[size] = lr;
        elapsed[size] = ms;
        if (width > 0 && point != null) System.arraycopy(point, 0, x, size * width, width);
        size++;
    }

    private void thin() {
        int kept = 0;
        for (int i = 0; i < size; i += 2) move(i, kept++);
        size = kept;
        stride *= 2;
        if (!thinned) onThin.run();
        thinned = true;
    }

    private void move(int from, int to) {
        iteration[to] = iteration[from];
        loss[to] = loss[from];
        gradientNorm[to] = gradientNorm[from];
        learningRate[to] = learningRate[from];
        elapsed[to] = elapsed[from];
        if (width > 0) System.arraycopy(x, from * width, x, to * width, width);
    }

    private void grow() {
        int n = Math.min(capacity, iteration.length * 2);
        iteration = Arrays.copyOf(iteration, n);
        loss = Arrays.copyOf(loss, n);
        gradientNorm = Arrays.copyOf(gradientNorm, n);
        learningRate = Arrays.copyOf(learningRate, n);
        elapsed = Arrays.copyOf(elapsed, n);
        x = Arrays.copyOf(x, n * width);
    }

    synchronized int size() {
        return size;
    }

    synchronized boolean thinned() {
        return thinned;
    }

    /** Up to {@code limit} points with iteration &gt; {@code after}, in order. */
    synchronized List<TrajectoryPoint> after(long after, int limit) {
        int from = firstAfter(after);
        int to = (int) Math.min(size, (long) from + limit);
        List<TrajectoryPoint> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) out.add(point(i));
        return out;
    }

    /** At most {@code count} points over the whole run, the first and the last included ({@link Downsample}). */
    synchronized List<TrajectoryPoint> spread(int count) {
        if (size <= count) return after(Long.MIN_VALUE, size);
        List<TrajectoryPoint> out = new ArrayList<>(count);
        for (int i : Downsample.select(iteration, loss, size, count)) out.add(point(i));
        return out;
    }

    synchronized java.util.Optional<TrajectoryPoint> last() {
        return size == 0 ? java.util.Optional.empty() : java.util.Optional.of(point(size - 1));
    }

    synchronized boolean hasAfter(long iterationValue) {
        return size > 0 && iteration[size - 1] > iterationValue;
    }

    private int firstAfter(long after) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (iteration[mid] <= after) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private TrajectoryPoint point(int i) {
        double[] p = width > 0 ? Arrays.copyOfRange(x, i * width, (i + 1) * width) : null;
        return new TrajectoryPoint(iteration[i], Job.finite(loss[i]), Job.finite(gradientNorm[i]),
                Job.finite(learningRate[i]), elapsed[i], p);
    }
}
