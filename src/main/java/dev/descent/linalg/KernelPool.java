package dev.descent.linalg;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Splits a data kernel's rows into chunks and runs them on the calling thread plus up to
 * {@code threads − 1} helper threads shared by the whole process.
 *
 * <p>Why this shape: job workers already use every core when many jobs run, so the helpers are a
 * small fixed set taken only when free ({@link Semaphore#tryAcquire()}); a call that finds them
 * busy runs all its chunks itself. At most {@code threads − 1} threads are ever added to the job
 * workers, and a lone large job still gets {@code threads} cores. The chunking depends only on the
 * data size and {@code threads}, never on which threads were free, and chunk results are reduced in
 * chunk order, so results are the same from run to run.
 */
public final class KernelPool implements AutoCloseable {
    /** No helpers: every kernel runs on its caller, in one chunk. */
    public static final KernelPool SEQUENTIAL = new KernelPool(1, Long.MAX_VALUE);

    private final int threads;
    private final long minEntries;
    private final Semaphore helpers;
    private final ExecutorService executor;

    /**
     * @param threads    chunks per large kernel call (≥ 1), and so threads used at most
     * @param minEntries stored entries below which a kernel runs in one chunk
     */
    public KernelPool(int threads, long minEntries) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        this.threads = threads;
        this.minEntries = minEntries;
        this.helpers = new Semaphore(threads - 1);
        AtomicInteger number = new AtomicInteger();
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "descent-kernel-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** How many chunks a kernel over {@code rows} rows holding {@code entries} stored entries uses. */
    public int chunks(long entries, int rows) {
        if (threads == 1 || entries < minEntries) return 1;
        return Math.max(1, Math.min(threads, rows));
    }

    /** Runs {@code chunk.accept(c)} for c = 0 … chunks − 1 and returns when all have finished. */
    public void run(int chunks, IntConsumer chunk) {
        if (chunks == 1 || executor == null) {
            for (int c = 0; c < chunks; c++) chunk.accept(c);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                try {
                    chunk.accept(c);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int h = 1; h < chunks && helpers.tryAcquire(); h++) {
            executor.execute(() -> {
                try {
                    work.run();
                } finally {
                    helpers.release();
                }
            });
        }
        work.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;  // the chunks are short; finish them, then restore the flag
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
    }

    /** First row of chunk c when m rows are split into {@code chunks} near-equal ranges. */
    public static int chunkStart(int c, int chunks, int m) {
        return (int) ((long) m * c / chunks);
    }

    @Override
    public void close() {
        if (executor != null) executor.shutdownNow();
    }
}
