package dev.descent.dataset;

/** The dataset cannot be removed now: a queued or running job uses it, or it is still loading (409). */
public class DatasetInUseException extends RuntimeException {
    public DatasetInUseException(String message) {
        super(message);
    }
}
