package dev.descent.dataset;

import dev.descent.linalg.DenseRows;
import dev.descent.linalg.RowMatrix;
import dev.descent.linalg.SparseRows;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The binary file of a dataset, {@code <id>.bin}, big-endian:
 * <pre>
 *   int magic "DSET", int version 1, int kind (0 dense, 1 CSR), int rows m, int columns n, long entries
 *   dense: m·n doubles, row-major          CSR: (m+1) ints row starts, entries ints columns, entries doubles
 *   m doubles: labels (values, or class indices for string labels; the classes are in the sidecar)
 * </pre>
 * Written to a temporary name and moved into place, so a crash never leaves half a file under the
 * real name.
 */
final class DatasetFiles {
    private static final int MAGIC = 0x44534554;  // "DSET"
    private static final int VERSION = 1;
    private static final int HEADER = 4 * 5 + 8;
    private static final int CHUNK = 1 << 20;

    private DatasetFiles() {}

    record Contents(RowMatrix matrix, double[] labels) {}

    /** Writes the file and returns its size in bytes. */
    static long write(Path file, RowMatrix matrix, double[] labels) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            header.putInt(MAGIC).putInt(VERSION).putInt(matrix instanceof SparseRows ? 1 : 0)
                    .putInt(matrix.rows()).putInt(matrix.columns()).putLong(matrix.storedEntries()).flip();
            while (header.hasRemaining()) ch.write(header);
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
            if (matrix instanceof SparseRows s) {
                writeInts(ch, buffer, s.rowStart());
                writeInts(ch, buffer, s.columnIndex());
                writeDoubles(ch, buffer, s.values());
            } else {
                writeDoubles(ch, buffer, ((DenseRows) matrix).values());
            }
            writeDoubles(ch, buffer, labels);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Files.size(file);
    }

    static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (header.hasRemaining() && ch.read(header) >= 0) { }
            header.flip();
            if (header.remaining() < HEADER || header.getInt() != MAGIC) throw new IOException(file + " is not a dataset file");
            int version = header.getInt();
            if (version != VERSION) throw new IOException(file + " has version " + version + "; expected " + VERSION);
            int kind = header.getInt(), m = header.getInt(), n = header.getInt();
            long entries = header.getLong();
            long expected = HEADER + (kind == 1 ? 4L * (m + 1) + 12L * entries : 8L * entries) + 8L * m;
            if (ch.size() != expected) throw new IOException(file + " has " + ch.size() + " bytes; expected " + expected);
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
            RowMatrix matrix;
            if (kind == 1) {
                int[] start = new int[m + 1], columns = new int[(int) entries];
                double[] values = new double[(int) entries];
                readInts(ch, buffer, start);
                readInts(ch, buffer, columns);
                readDoubles(ch, buffer, values);
                matrix = new SparseRows(start, columns, values, m, n);
            } else {
                double[] values = new double[(int) entries];
                readDoubles(ch, buffer, values);
                matrix = new DenseRows(values, m, n);
            }
            double[] labels = new double[m];
            readDoubles(ch, buffer, labels);
            return new Contents(matrix, labels);
        }
    }

    /** Reads a spool of big-endian doubles (exactly {@code out.length} of them). */
    static void readDoubles(Path file, double[] out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            readDoubles(ch, ByteBuffer.allocateDirect(CHUNK), out);
        }
    }

    static void readInts(Path file, int[] out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            readInts(ch, ByteBuffer.allocateDirect(CHUNK), out);
        }
    }

    private static void readDoubles(FileChannel ch, ByteBuffer buffer, double[] out) throws IOException {
        int at = 0;
        while (at < out.length) {
            int count = Math.min(CHUNK / 8, out.length - at);
            fill(ch, buffer, count * 8);
            buffer.asDoubleBuffer().get(out, at, count);
            at += count;
        }
    }

    private static void readInts(FileChannel ch, ByteBuffer buffer, int[] out) throws IOException {
        int at = 0;
        while (at < out.length) {
            int count = Math.min(CHUNK / 4, out.length - at);
            fill(ch, buffer, count * 4);
            buffer.asIntBuffer().get(out, at, count);
            at += count;
        }
    }

    private static void fill(FileChannel ch, ByteBuffer buffer, int bytes) throws IOException {
        buffer.clear().limit(bytes);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer) < 0) throw new IOException("unexpected end of a dataset file");
        }
        buffer.flip();
    }

    private static void writeDoubles(FileChannel ch, ByteBuffer buffer, double[] in) throws IOException {
        for (int at = 0; at < in.length; ) {
            int count = Math.min(CHUNK / 8, in.length - at);
            buffer.clear();
            buffer.asDoubleBuffer().put(in, at, count);
            buffer.limit(count * 8);
            while (buffer.hasRemaining()) ch.write(buffer);
            at += count;
        }
    }

    private static void writeInts(FileChannel ch, ByteBuffer buffer, int[] in) throws IOException {
        for (int at = 0; at < in.length; ) {
            int count = Math.min(CHUNK / 4, in.length - at);
            buffer.clear();
            buffer.asIntBuffer().put(in, at, count);
            buffer.limit(count * 4);
            while (buffer.hasRemaining()) ch.write(buffer);
            at += count;
        }
    }
}
