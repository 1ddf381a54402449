package dev.descent.dataset;

/** No dataset has the id (404). */
public class DatasetNotFoundException extends RuntimeException {
    public DatasetNotFoundException(String id) {
        super("No dataset " + id);
    }
}
