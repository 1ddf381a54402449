package dev.descent.dataset;

import java.time.Instant;
import java.util.List;

/**
 * What the service knows about a dataset; the metadata sidecar stores it, the API shows it.
 *
 * @param status       LOADING while an upload is read, READY, or FAILED (a stored file that could not be read back)
 * @param columns      feature columns (the label not counted)
 * @param classes      distinct labels sorted, or null for a numeric target with more than {@link LabelColumn#MAX_CLASSES} values
 * @param stringLabels whether the labels are strings (stored as class indices)
 * @param nonZeros     stored non-zero entries (sparse), or rows × columns (dense)
 * @param sizeBytes    bytes of the stored binary file (while loading: bytes of the upload read so far)
 * @param uploadBytes  bytes of the upload
 * @param error        why a FAILED dataset could not be loaded
 * @param owner        the API client that uploaded it, or null (uploaded while security was off)
 */
public record Dataset(String id, String name, String status, int rows, int columns, List<String> featureNames,
                      String label, List<Object> classes, boolean stringLabels, boolean sparse, long nonZeros,
                      long sizeBytes, long uploadBytes, Instant createdAt, String error, String owner) {

    public static final String LOADING = "LOADING";
    public static final String READY = "READY";
    public static final String FAILED = "FAILED";

    static Dataset loading(String id, String name, String label, boolean sparse, Instant createdAt, String owner) {
        return new Dataset(id, name, LOADING, 0, 0, List.of(), label, null, false, sparse, 0, 0, 0, createdAt, null, owner);
    }

    Dataset withStatus(String status, String error) {
        return new Dataset(id, name, status, rows, columns, featureNames, label, classes, stringLabels, sparse, nonZeros,
                sizeBytes, uploadBytes, createdAt, error, owner);
    }

    Dataset withBytesRead(long bytes) {
        return new Dataset(id, name, status, rows, columns, featureNames, label, classes, stringLabels, sparse, nonZeros,
                bytes, bytes, createdAt, error, owner);
    }
}
