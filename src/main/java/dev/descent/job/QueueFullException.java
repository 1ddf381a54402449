package dev.descent.job;

/** The job queue is at capacity (429); the client should retry after {@code retryAfterSeconds}. */
public class QueueFullException extends RuntimeException {
    private final long retryAfterSeconds;

    public QueueFullException(int capacity, long retryAfterSeconds) {
        super("The job queue is full (" + capacity + " jobs waiting); retry later");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
