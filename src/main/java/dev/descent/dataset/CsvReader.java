package dev.descent.dataset;

import dev.descent.spec.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams CSV (RFC 4180 without line breaks inside quotes; LF or CRLF; a final newline optional;
 * a UTF-8 byte-order mark ignored; blank lines skipped): a header row, then rows with one cell per
 * header name. Feature cells must be finite numbers; the label cell may be any non-empty text.
 * Every error names the line (1-based, the header is line 1), the data row and the column.
 */
final class CsvReader {
    private CsvReader() {}

    /** Reads the whole stream into the sink; returns the feature names and the label column's name. */
    static Header read(BufferedReader in, DatasetSink sink, String label, String field) throws IOException {
        String line = in.readLine();
        long number = 1;
        while (line != null && line.isBlank()) {
            line = in.readLine();
            number++;
        }
        if (line == null) throw new InvalidRequestException(field, "is empty; a CSV upload needs a header row and data rows");
        if (line.startsWith("\uFEFF")) line = line.substring(1);
        List<String> header = split(line, number, field);
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j).trim();
            header.set(j, name);
            if (name.isEmpty()) throw new InvalidRequestException(field, "line 1: column " + (j + 1) + " has no name in the header");
            Integer before = seen.putIfAbsent(name, j);
            if (before != null) throw new InvalidRequestException(field, "line 1: column name '" + name + "' appears twice in the header");
        }
        if (header.size() < 2) {
            throw new InvalidRequestException(field, "line 1: the header has " + header.size()
                    + " column; a dataset needs a label column and at least one feature column");
        }
        String labelName = label != null ? label : header.get(header.size() - 1);
        Integer labelIndex = seen.get(labelName);
        if (labelIndex == null) {
            throw new InvalidRequestException("label", "no column '" + labelName + "' in the CSV header; columns: "
                    + String.join(", ", header));
        }
        List<String> features = new ArrayList<>(header);
        features.remove((int) labelIndex);
        sink.columns(features.size());
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) continue;
            List<String> cells = split(line, number, field);
            int row = sink.rows() + 1;
            if (cells.size() != header.size()) {
                throw new InvalidRequestException(field, "line " + number + " (row " + row + ") has " + cells.size()
                        + " cells; the header has " + header.size());
            }
            String labelText = null;
            for (int j = 0; j < cells.size(); j++) {
                String cell = cells.get(j).trim();
                if (cell.isEmpty()) {
                    throw new InvalidRequestException(field, "line " + number + " (row " + row + "), column '"
                            + header.get(j) + "': missing value");
                }
                if (j == labelIndex) {
                    labelText = cell;
                } else {
                    sink.value(number(cell, number, row, header.get(j), field));
                }
            }
            sink.endRow(labelText, number);
        }
        if (sink.rows() == 0) throw new InvalidRequestException(field, "has a header but no data rows");
        return new Header(List.copyOf(features), labelName);
    }

    record Header(List<String> featureNames, String label) {}

    private static double number(String cell, long line, int row, String column, String field) {
        double v;
        try {
            char last = cell.charAt(cell.length() - 1);
            v = Character.isLetter(last) ? Double.NaN : Double.parseDouble(cell);  // no "1d", "Infinity", "NaN"
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v)) {
            throw new InvalidRequestException(field, "line " + line + " (row " + row + "), column '" + column + "': '"
                    + abbreviate(cell) + "' is not a finite number");
        }
        return v;
    }

    /** Cells of one line: commas separate, double quotes enclose, "" inside quotes is a quote. */
    static List<String> split(String line, long number, String field) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) throw new InvalidRequestException(field, "line " + number + ": a quoted cell is not closed");
        cells.add(cell.toString());
        return cells;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
