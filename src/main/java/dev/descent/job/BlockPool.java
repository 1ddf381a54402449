package dev.descent.job;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Full-size trajectory blocks (the row arrays of {@link TrajectoryChunk}) whose points are stored,
 * kept for the next run to fill. A long run fills dozens of blocks; taking them from here instead of
 * allocating spares the run's thread the zeroing of fresh memory (and its page faults while the
 * heap grows), and the young collections the allocation would cause, which would also copy the
 * run's held-back blocks. The last block given back is the first taken, as it is the likeliest
 * still in a cache.
 *
 * <p>Blocks are kept by length, up to {@code maxBytes} for all lengths together; beyond that a
 * block given back is left to the garbage collector. Once no run has taken a block for a while
 * ({@link #trim}), the pool lets all its blocks go, so an idle service does not keep them.
 */
final class BlockPool {
    private final long maxBytes;
    private final Map<Integer, ArrayDeque<double[]>> free = new HashMap<>();
    private long bytes;
    private long lastTaken = System.nanoTime();

    BlockPool(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A block of {@code length} doubles: a kept one (its contents left over), else a new one. */
    double[] take(int length) {
        synchronized (this) {
            lastTaken = System.nanoTime();
            ArrayDeque<double[]> blocks = free.get(length);
            double[] b = blocks == null ? null : blocks.pollFirst();
            if (b != null) {
                bytes -= 8L * length;
                return b;
            }
        }
        return new double[length];
    }

    /**
     * Keeps a block for reuse. The caller gives up every reference to it: nothing may read or write
     * it afterwards except through a later {@link #take}.
     */
    synchronized void give(double[] block) {
        long b = 8L * block.length;
        if (bytes + b > maxBytes) return;
        free.computeIfAbsent(block.length, w -> new ArrayDeque<>()).addFirst(block);
        bytes += b;
    }

    /** Lets every kept block go if none has been taken for {@code idleNanos}. */
    synchronized void trim(long idleNanos) {
        if (System.nanoTime() - lastTaken < idleNanos) return;
        free.clear();
        bytes = 0;
    }

    /** Bytes of the blocks kept. */
    synchronized long bytes() {
        return bytes;
    }
}
