package dev.descent.job;

import dev.descent.store.Durability;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store's writer thread. Writes run in the order they were queued; whatever queued up while the
 * thread was busy runs as one batch, in one transaction, so a busy service pays one commit (and one
 * flush to disk, for writes that must be durable) for many jobs instead of one each. A batch that
 * fails is rolled back and its writes run again one by one, each in a transaction of its own and
 * retrying transient failures, so one bad write never takes the others with it.
 */
final class WriteQueue {
    private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);
    /** Writes in one batch at most. */
    static final int MAX_BATCH = 256;

    /** One write. Its statements run in a batch's transaction, so a batch that fails may run them again. */
    interface Write {
        /** The statements; throws when they fail (and never swallows a failed statement). */
        void write();

        /** After the write's transaction committed (and, if {@link #durable}, reached the disk). */
        default void committed() {}

        /** After the write was given up on: rolled back. */
        default void failed(RuntimeException e) {}

        /** After the write's transaction committed but could not be made durable. */
        default void notDurable(RuntimeException e) {
            failed(e);
        }

        /** Whether the write must be on disk before {@link #committed} (an accepted job). */
        default boolean durable() {
            return false;
        }

        /**
         * Called before the write runs again alone, after its batch failed: undoes what the batch's
         * preparation arranged between it and other writes.
         */
        default void separate() {}

        /** Whether the write runs in a batch of its own (a large rewrite that takes row locks). */
        default boolean alone() {
            return false;
        }
    }

    /** The thread. A batch takes every write queued when it starts, so a task of its own holds up only writes queued after the batch in progress. */
    final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "descent-trajectory-writer");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Write> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final TransactionTemplate tx;
    private final Durability durability;
    /** Looks at a batch before it runs (to merge writes that belong together). */
    private final Consumer<List<Write>> prepare;

    WriteQueue(TransactionTemplate tx, Durability durability, Consumer<List<Write>> prepare) {
        this.tx = tx;
        this.durability = durability;
        this.prepare = prepare;
    }

    /** Queues a write behind every write queued before it; once the queue is closed, the write fails at once. */
    void submit(Write write) {
        queue.add(write);
        if (!drainQueued.compareAndSet(false, true)) return;
        try {
            thread.execute(this::drain);
        } catch (RejectedExecutionException closed) {
            drainQueued.set(false);
            // Closed: what close() has not taken by now is never written.
            if (queue.remove(write)) fail(write, new IllegalStateException("the store is closing"));
        }
    }

    /** Runs one batch: what is queued, up to {@link #MAX_BATCH} writes or a write that goes alone. */
    private void drain() {
        drainQueued.set(false);
        List<Write> batch = new ArrayList<>();
        for (Write next; batch.size() < MAX_BATCH && (next = queue.peek()) != null; ) {
            if (next.alone() && !batch.isEmpty()) break;
            batch.add(queue.poll());
            if (next.alone()) break;
        }
        if (!batch.isEmpty()) run(batch);
        // Other tasks on the thread (a pool trim) get their turn between batches.
        if (!queue.isEmpty() && drainQueued.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException closing) {
                drainQueued.set(false); // close() drains the rest
            }
        }
    }

    private void run(List<Write> batch) {
        prepare.accept(batch);
        if (batch.size() > 1) {
            try {
                tx.executeWithoutResult(status -> batch.forEach(Write::write));
                settle(batch);
                return;
            } catch (RuntimeException | Error e) {
                log.debug("A batch of {} writes failed ({}); writing each alone", batch.size(), e.toString());
            }
            batch.forEach(Write::separate);
        }
        for (Write w : batch) {
            try {
                JdbcJobRepository.retrying(() -> {
                    tx.executeWithoutResult(status -> w.write());
                    return null;
                });
            } catch (RuntimeException e) {
                fail(w, e);
                continue;
            } catch (Error e) {
                // Out of memory, say: the write is given up on, and its follow-up still runs (permits, waiting clients).
                fail(w, new IllegalStateException("a write failed: " + e, e));
                continue;
            }
            settle(List.of(w));
        }
    }

    /** After a commit: flushes once for the durable writes, then tells each write how it went. */
    private void settle(List<Write> writes) {
        RuntimeException notDurable = null;
        if (writes.stream().anyMatch(Write::durable)) {
            try {
                durability.await();
            } catch (RuntimeException e) {
                notDurable = e;
            }
        }
        for (Write w : writes) {
            if (notDurable != null && w.durable()) {
                try {
                    w.notDurable(notDurable);
                } catch (RuntimeException again) {
                    log.warn("A write's follow-up failed", again);
                }
                continue;
            }
            try {
                w.committed();
            } catch (RuntimeException e) {
                log.warn("A write's follow-up failed", e);
            }
        }
    }

    private static void fail(Write w, RuntimeException e) {
        try {
            w.failed(e);
        } catch (RuntimeException again) {
            log.warn("A failed write's follow-up failed", again);
        }
    }

    /** Writes everything queued so far, then stops the thread; writes queued from now on fail. */
    void close() throws InterruptedException {
        try {
            thread.execute(() -> {
                while (!queue.isEmpty()) drain();
            });
        } catch (RejectedExecutionException closedAlready) {
            return;
        }
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
