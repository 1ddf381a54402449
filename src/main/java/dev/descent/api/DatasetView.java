package dev.descent.api;

import dev.descent.dataset.Dataset;
import java.time.Instant;
import java.util.List;

/**
 * A dataset as the API shows it. {@code classes} is null for a numeric label with many distinct
 * values (a regression target); {@code labelKind} says whether the labels are numbers or strings.
 */
record DatasetView(String id, String name, String status, int rows, int columns, List<String> featureNames,
                   String label, List<Object> classes, String labelKind, boolean sparse, long nonZeros,
                   long sizeBytes, long uploadBytes, Instant createdAt, String error) {

    static DatasetView of(Dataset d) {
        return new DatasetView(d.id(), d.name(), d.status(), d.rows(), d.columns(), d.featureNames(), d.label(),
                d.classes(), d.stringLabels() ? "string" : "number", d.sparse(), d.nonZeros(), d.sizeBytes(),
                d.uploadBytes(), d.createdAt(), d.error());
    }
}
