package dev.descent.job;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Full-size trajectory column blocks whose points are stored, kept for the next run to fill. A long
 * run fills dozens of blocks; taking them from here instead of allocating spares the run's thread the
 * zeroing of fresh memory (and its page faults while the heap grows), and the young collections the
 * allocation would cause, which would also copy the run's held-back blocks. The last block given
 * back is the first taken, as it is the likeliest still in a cache.
 *
 * <p>Blocks are kept per width of x, up to {@code maxBytes} for all widths together; beyond that a
 * block given back is left to the garbage collector. Once no run has taken a block for a while
 * ({@link #trim}), the pool lets all its blocks go, so an idle service does not keep them.
 */
final class BlockPool {
    /** One block's columns: {@code iteration.length} points, x of {@code x.length / iteration.length} coordinates. */
    record Block(long[] iteration, double[] loss, double[] gradientNorm, double[] learningRate, double[] elapsed,
                 double[] x) {
        static Block allocate(int points, int width) {
            return new Block(new long[points], new double[points], new double[points], new double[points],
                    new double[points], new double[points * width]);
        }

        long bytes() {
            return 8L * (5L * iteration.length + x.length);
        }
    }

    private final long maxBytes;
    private final Map<Integer, ArrayDeque<Block>> free = new HashMap<>();
    private long bytes;
    private long lastTaken = System.nanoTime();

    BlockPool(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A block of {@code points} points of {@code width} coordinates: a kept one, else a new one. */
    Block take(int points, int width) {
        synchronized (this) {
            lastTaken = System.nanoTime();
            ArrayDeque<Block> blocks = free.get(width);
            Block b = blocks == null ? null : blocks.pollFirst();
            if (b != null) {
                bytes -= b.bytes();
                if (b.iteration.length == points) return b;
            }
        }
        return Block.allocate(points, width);
    }

    /**
     * Keeps a block for reuse. The caller gives up every reference to its arrays: nothing may read
     * or write them afterwards except through a later {@link #take}.
     */
    synchronized void give(Block block, int width) {
        long b = block.bytes();
        if (bytes + b > maxBytes) return;
        free.computeIfAbsent(width, w -> new ArrayDeque<>()).addFirst(block);
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
