package dev.descent.job;

/** A job's state; finished states are final. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, DIVERGED, TIMED_OUT;

    public boolean canMoveTo(JobStatus next) {
        return switch (this) {
            case QUEUED -> next == RUNNING || next == CANCELLED;
            case RUNNING -> next != QUEUED && next != RUNNING;
            default -> false;
        };
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}
