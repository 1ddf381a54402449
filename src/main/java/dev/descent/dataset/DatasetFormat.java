package dev.descent.dataset;

import java.util.Locale;
import java.util.Optional;

/** The text formats an upload may use. */
public enum DatasetFormat {
    /** Comma-separated values with a header row; one column is the label. */
    CSV,
    /** LIBSVM / SVMlight: {@code label index:value …}, 1-based ascending indices, {@code qid:} ignored. */
    LIBSVM;

    /** The format of a media type such as {@code text/csv} or {@code text/x-libsvm}, if it names one. */
    public static Optional<DatasetFormat> ofMediaType(String type, String subtype) {
        String t = type.toLowerCase(Locale.ROOT), s = subtype.toLowerCase(Locale.ROOT);
        if ((t.equals("text") || t.equals("application")) && s.equals("csv")) return Optional.of(CSV);
        if ((t.equals("text") || t.equals("application"))
                && (s.equals("x-libsvm") || s.equals("x-svmlight") || s.equals("libsvm"))) {
            return Optional.of(LIBSVM);
        }
        return Optional.empty();
    }

    /** The format of a file name's extension: .csv, or .libsvm, .svm, .svmlight, .txt. */
    public static Optional<DatasetFormat> ofFileName(String fileName) {
        if (fileName == null) return Optional.empty();
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.endsWith(".csv")) return Optional.of(CSV);
        if (f.endsWith(".libsvm") || f.endsWith(".svm") || f.endsWith(".svmlight") || f.endsWith(".txt")) {
            return Optional.of(LIBSVM);
        }
        return Optional.empty();
    }
}
