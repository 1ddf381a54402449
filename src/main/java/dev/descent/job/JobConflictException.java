package dev.descent.job;

/** The request conflicts with the job's state or with an earlier use of the idempotency key (409). */
public class JobConflictException extends RuntimeException {
    public JobConflictException(String message) {
        super(message);
    }
}
