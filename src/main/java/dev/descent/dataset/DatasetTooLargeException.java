package dev.descent.dataset;

import java.io.IOException;

/** An upload passed {@code descent.limits.max-dataset-bytes} (413). */
public class DatasetTooLargeException extends IOException {
    public DatasetTooLargeException(long limit) {
        super("The dataset upload is larger than the limit of " + limit + " bytes (descent.limits.max-dataset-bytes)");
    }
}
