package dev.descent.security;

/**
 * A client asked for more than its quota ({@code descent.security.quota.*}): too many queued and
 * running jobs (429, retry once some have finished) or too much dataset storage (409, delete
 * datasets first).
 */
public class QuotaExceededException extends RuntimeException {
    /** Which quota. */
    public enum Kind { ACTIVE_JOBS, DATASET_STORAGE }

    private final Kind kind;

    QuotaExceededException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
