package dev.descent.job;

/** No job with that id (or not visible to the caller). */
public class JobNotFoundException extends RuntimeException {
    private final String id;

    public JobNotFoundException(String id) {
        super("No job " + id);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
