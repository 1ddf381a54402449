package dev.descent.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Durability for the embedded H2 store by group commit. H2 writes its commits to the file in the
 * background (every {@code WRITE_DELAY}, 0.5 s by default); a thread that must not answer before
 * its commit is on disk takes a ticket and waits for a {@code CHECKPOINT} that started after its
 * commit. One thread at a time runs the checkpoint, for every ticket taken before it began, so
 * concurrent requests share one file write instead of paying one each.
 */
public final class GroupFlush implements Durability {
    private final JdbcClient jdbc;
    private final Object lock = new Object();
    private long requested;
    private long flushed;
    private boolean flushing;

    public GroupFlush(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void await() {
        long ticket;
        synchronized (lock) {
            ticket = ++requested;
        }
        while (true) {
            long upTo;
            synchronized (lock) {
                while (flushing && flushed < ticket) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the store to reach the disk", e);
                    }
                }
                if (flushed >= ticket) return;
                flushing = true;
                // Every ticket up to here belongs to a commit made before this checkpoint starts.
                upTo = requested;
            }
            boolean done = false;
            try {
                jdbc.sql("CHECKPOINT").update();
                done = true;
            } finally {
                synchronized (lock) {
                    flushing = false;
                    if (done) flushed = Math.max(flushed, upTo);
                    lock.notifyAll();
                }
            }
        }
    }
}
