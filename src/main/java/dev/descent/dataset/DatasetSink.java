package dev.descent.dataset;

import dev.descent.linalg.DenseRows;
import dev.descent.linalg.RowMatrix;
import dev.descent.linalg.SparseRows;
import dev.descent.spec.InvalidRequestException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Receives parsed rows and spools the matrix entries to temporary files, so the upload is never
 * held as text and the matrix is held only once, in its final arrays, when {@link #finish} reads
 * the spool back. Labels and (sparse) row starts stay in memory: one number per row.
 */
final class DatasetSink implements AutoCloseable {
    /** Largest entry count a Java array holds. */
    static final long MAX_ENTRIES = Integer.MAX_VALUE - 16;

    private final boolean sparse;
    private final String field;
    private final Path valuesFile;
    private final Path indexFile;
    private final DataOutputStream values;
    private final DataOutputStream index;
    private final LabelColumn labels = new LabelColumn();
    private int[] rowStart = new int[1024];
    private int rows;
    private int columns;
    private long entries;

    DatasetSink(Path directory, String id, boolean sparse, String field) throws IOException {
        this.sparse = sparse;
        this.field = field;
        this.valuesFile = directory.resolve(id + ".values.tmp");
        this.indexFile = directory.resolve(id + ".index.tmp");
        this.values = open(valuesFile);
        this.index = sparse ? open(indexFile) : null;
    }

    private static DataOutputStream open(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }

    /** Dense data: the number of feature columns, fixed by the header. */
    void columns(int n) {
        this.columns = n;
    }

    int rows() {
        return rows;
    }

    void value(double v) throws IOException {
        values.writeDouble(v);
        entries++;
    }

    /** Sparse data: entry (row, j) with j 0-based, ascending within the row. */
    void entry(int j, double v) throws IOException {
        index.writeInt(j);
        values.writeDouble(v);
        entries++;
        columns = Math.max(columns, j + 1);
    }

    void endRow(String label, long line) {
        if (entries > MAX_ENTRIES || rows == Integer.MAX_VALUE - 16) {
            throw new InvalidRequestException(field, "line " + line + ": more than " + MAX_ENTRIES
                    + " matrix entries or rows; a dataset must fit in one array");
        }
        labels.add(label);
        rows++;
        if (sparse) {
            if (rows == rowStart.length) rowStart = Arrays.copyOf(rowStart, rows + (rows >> 1));
            rowStart[rows] = (int) entries;
        }
    }

    /** The parsed data, in their final arrays. */
    Parsed finish() throws IOException {
        values.close();
        if (index != null) index.close();
        long dense = (long) rows * columns;
        if (!sparse && dense > MAX_ENTRIES) {
            throw new InvalidRequestException(field, rows + " rows of " + columns + " columns do not fit in one array");
        }
        double[] v = new double[(int) entries];
        DatasetFiles.readDoubles(valuesFile, v);
        RowMatrix matrix;
        if (sparse) {
            int[] j = new int[(int) entries];
            DatasetFiles.readInts(indexFile, j);
            matrix = new SparseRows(Arrays.copyOf(rowStart, rows + 1), j, v, rows, columns);
        } else {
            matrix = new DenseRows(v, rows, columns);
        }
        return new Parsed(matrix, labels.finish());
    }

    record Parsed(RowMatrix matrix, LabelColumn.Labels labels) {}

    @Override
    public void close() throws IOException {
        try {
            values.close();
            if (index != null) index.close();
        } finally {
            Files.deleteIfExists(valuesFile);
            Files.deleteIfExists(indexFile);
        }
    }
}
