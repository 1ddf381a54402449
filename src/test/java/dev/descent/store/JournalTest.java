package dev.descent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private Path onlySegment() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findFirst().orElseThrow();
        }
    }

    private long segments() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void linesOfSegmentsNotDroppedAreReadBackInOrderAtTheNextStart() throws Exception {
        Journal first = new Journal(dir);
        assertThat(first.recover()).isEmpty();
        first.append("a");
        first.append("b");
        long ended = first.rotate();
        first.append("c");
        assertThat(first.rotate()).isGreaterThan(ended);
        first.append("d");
        first.drop(ended); // "a" and "b" are in the store now
        first.close();

        Journal second = new Journal(dir);
        assertThat(second.recover()).containsExactly("c", "d");
        second.append("e");
        second.dropRecovered();
        second.close();
        assertThat(new Journal(dir).recover()).containsExactly("e");
    }

    @Test
    void anEmptySegmentIsNotEndedAndDroppingKeepsTheCurrentOne() throws Exception {
        Journal journal = new Journal(dir);
        assertThat(journal.rotate()).isEqualTo(-1);
        journal.append("x");
        assertThat(journal.size()).isEqualTo(2);
        long ended = journal.rotate();
        assertThat(journal.size()).isZero();
        journal.append("y");
        journal.drop(ended);
        assertThat(segments()).isEqualTo(1);
        journal.close();
        assertThat(new Journal(dir).recover()).containsExactly("y");
    }

    @Test
    void aLastLineCutShortIsLeftOut() throws Exception {
        Journal journal = new Journal(dir);
        journal.append("{\"whole\":1}");
        journal.close();
        Path segment = onlySegment();
        Files.write(segment, "{\"cut".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertThat(new Journal(dir).recover()).containsExactly("{\"whole\":1}");
    }

    @Test
    void otherFilesInTheDirectoryAreNotSegments() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello\n");
        Files.writeString(dir.resolve("abc.log"), "not a segment\n");
        Journal journal = new Journal(dir);
        assertThat(journal.recover()).isEmpty();
        journal.append("z");
        journal.drop(Long.MAX_VALUE - 1);
        assertThat(dir.resolve("notes.txt")).exists();
        assertThat(dir.resolve("abc.log")).exists();
        journal.close();
    }

    @Test
    void aLineCutShortInsideACharacterIsLeftOutAndTheRestIsRead() throws Exception {
        Journal journal = new Journal(dir);
        journal.append("{\"name\":\"Gödel\"}");
        journal.close();
        Path segment = onlySegment();
        byte[] cut = "{\"name\":\"Gö".getBytes(StandardCharsets.UTF_8);
        Files.write(segment, java.util.Arrays.copyOf(cut, cut.length - 1), StandardOpenOption.APPEND); // half of the ö
        assertThat(new Journal(dir).recover()).containsExactly("{\"name\":\"Gödel\"}");
    }
}
