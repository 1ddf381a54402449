package dev.descent.problem;

import dev.descent.linalg.RowMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * An uploaded dataset as problems see it: the feature rows (shared, read-only), one label per row
 * and the names. Numeric labels are kept as their values; string labels as their class's index
 * into {@code classes} (sorted).
 *
 * @param status       READY, LOADING or FAILED; the data are present only when READY
 * @param labels       per row: the value (numeric labels) or the class index (string labels)
 * @param classes      the distinct labels, sorted, or null for a numeric target with many values
 * @param stringLabels whether the labels were strings
 */
public record DataTable(String id, String status, RowMatrix features, double[] labels, List<Object> classes,
                        boolean stringLabels, List<String> featureNames, String label) {

    public boolean ready() {
        return "READY".equals(status) && features != null;
    }

    /** Each row's index into {@code classes}; only for a dataset with classes. */
    int[] classIndex() {
        int m = labels.length;
        int[] index = new int[m];
        if (stringLabels) {
            for (int i = 0; i < m; i++) index[i] = (int) labels[i];
            return index;
        }
        double[] values = new double[classes.size()];
        for (int c = 0; c < values.length; c++) values[c] = ((Number) classes.get(c)).doubleValue();
        for (int i = 0; i < m; i++) index[i] = Arrays.binarySearch(values, labels[i]);
        return index;
    }
}
