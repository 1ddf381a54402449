package dev.descent.dataset;

import dev.descent.spec.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Streams LIBSVM / SVMlight text: per line {@code label index:value …} with 1-based, strictly
 * ascending indices; {@code qid:…} is ignored, {@code #} starts a comment, blank lines are skipped,
 * LF or CRLF, a final newline optional. Explicit zeros are not stored. Errors name the line.
 */
final class LibsvmReader {
    private LibsvmReader() {}

    static void read(BufferedReader in, DatasetSink sink, String field) throws IOException {
        String line;
        long number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            String[] tokens = line.trim().split("\\s+");
            if (tokens.length == 0 || tokens[0].isEmpty()) continue;
            String label = tokens[0];
            if (label.indexOf(':') >= 0) {
                throw new InvalidRequestException(field, "line " + number + ": starts with '" + CsvReader.abbreviate(label)
                        + "'; each line starts with its label");
            }
            int previous = 0;
            for (int t = 1; t < tokens.length; t++) {
                String token = tokens[t];
                int colon = token.indexOf(':');
                if (colon <= 0 || colon == token.length() - 1) {
                    throw new InvalidRequestException(field, "line " + number + ": '" + CsvReader.abbreviate(token)
                            + "' is not index:value");
                }
                String key = token.substring(0, colon);
                if (key.equals("qid")) continue;
                int index;
                try {
                    index = Integer.parseInt(key);
                } catch (NumberFormatException e) {
                    throw new InvalidRequestException(field, "line " + number + ": index '" + CsvReader.abbreviate(key)
                            + "' is not a positive integer");
                }
                if (index < 1) {
                    throw new InvalidRequestException(field, "line " + number + ": index " + index
                            + " is not allowed; indices start at 1");
                }
                if (index <= previous) {
                    throw new InvalidRequestException(field, "line " + number + ": index " + index + " follows index "
                            + previous + "; indices must be strictly ascending");
                }
                previous = index;
                String text = token.substring(colon + 1);
                double v;
                try {
                    v = Character.isLetter(text.charAt(text.length() - 1)) ? Double.NaN : Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!Double.isFinite(v)) {
                    throw new InvalidRequestException(field, "line " + number + ", index " + index + ": '"
                            + CsvReader.abbreviate(text) + "' is not a finite number");
                }
                if (v != 0) sink.entry(index - 1, v);
            }
            sink.endRow(label, number);
        }
        if (sink.rows() == 0) throw new InvalidRequestException(field, "is empty; a LIBSVM upload needs at least one row");
    }
}
