package dev.descent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of lines in numbered segment files, for writes that must survive a crash of the
 * process before the store has them on disk. Each {@link #append} is one write to the file (the
 * operating system keeps it through a kill -9; there is no fsync, as with the store's own
 * writes). Once the store has everything a segment records on disk, the segment goes
 * ({@link #rotate}, then {@link #drop}); what is left at start-up is read back by {@link #recover}.
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final String SUFFIX = ".log";

    private final Path dir;
    /** Segments found at start-up, oldest first: what {@link #recover} reads. */
    private final List<Path> found;
    private FileChannel current;
    private long number;
    private long size;

    /** Opens the journal in {@code dir} (created if missing); appends go to a new segment after any found there. */
    public Journal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                found = files.filter(p -> segmentNumber(p) >= 0)
                        .sorted((a, b) -> Long.compare(segmentNumber(a), segmentNumber(b))).toList();
            }
            number = found.isEmpty() ? 1 : segmentNumber(found.get(found.size() - 1)) + 1;
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + dir, e);
        }
    }

    private static long segmentNumber(Path p) {
        String name = p.getFileName().toString();
        if (!name.endsWith(SUFFIX)) return -1;
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Path segment(long n) {
        return dir.resolve(String.format("%012d%s", n, SUFFIX));
    }

    private void open() throws IOException {
        current = FileChannel.open(segment(number), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        size = 0;
    }

    /**
     * The lines of the segments found at start-up, oldest first. A last line without its line end
     * (the process stopped in the middle of writing it) is left out.
     */
    public List<String> recover() {
        List<String> lines = new ArrayList<>();
        for (Path p : found) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                log.error("Cannot read the journal segment {}; the jobs it holds are not restored", p, e);
                continue;
            }
            // Split on line ends before decoding: a line cut short may end inside a character.
            int from = 0;
            for (int end = 0; end < bytes.length; end++) {
                if (bytes[end] != '\n') continue;
                if (end > from) lines.add(new String(bytes, from, end - from, StandardCharsets.UTF_8));
                from = end + 1;
            }
            if (from < bytes.length) log.warn("The journal segment {} ends in a line cut short; it is left out", p);
        }
        return lines;
    }

    /** Deletes the segments {@link #recover} read (their lines are in the store now). */
    public void dropRecovered() {
        for (Path p : found) delete(p);
    }

    /** Appends a line (without line breaks of its own) in one write. */
    public synchronized void append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) current.write(bytes);
        } catch (IOException e) {
            // Part of the line may be in the file: later lines go to a new segment, so this one ends cut short.
            try {
                current.close();
                number++;
                open();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw new UncheckedIOException("cannot write to the journal in " + dir, e);
        }
        size += bytes.limit();
    }

    /** Bytes in the segment appends go to. */
    public synchronized long size() {
        return size;
    }

    /**
     * Ends the current segment and starts the next; returns the ended segment's number, or −1 when
     * it is empty (and stays current).
     */
    public synchronized long rotate() {
        if (size == 0) return -1;
        long ended = number;
        try {
            current.close();
            number++;
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a new journal segment in " + dir, e);
        }
        return ended;
    }

    /** Deletes the ended segments up to number {@code upTo}. */
    public void drop(long upTo) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> {
                long n = segmentNumber(p);
                return n >= 0 && n <= upTo;
            }).forEach(this::delete);
        } catch (IOException e) {
            log.warn("Cannot list the journal in {}; old segments stay until the next start", dir, e);
        }
    }

    private void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Cannot delete the journal segment {}; it is read again at the next start (harmlessly)", p, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            current.close();
        } catch (IOException e) {
            log.warn("Cannot close the journal in {}", dir, e);
        }
    }
}
