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

    /** What a journal reads back from a segment holding the line {@code whole}, then the bytes of a line cut short. */
    private java.util.List<String> recoveredAfter(String whole, byte[] cutShort) throws Exception {
        Journal journal = new Journal(dir);
        journal.append(whole);
        journal.close();
        Files.write(onlySegment(), cutShort, StandardOpenOption.APPEND);
        return new Journal(dir).recover();
    }

    @Test
    void aLastLineCutShortIsLeftOut() throws Exception {
        assertThat(recoveredAfter("{\"whole\":1}", "{\"cut".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("{\"whole\":1}");
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
        byte[] cut = "{\"name\":\"Gö".getBytes(StandardCharsets.UTF_8);
        assertThat(recoveredAfter("{\"name\":\"Gödel\"}", java.util.Arrays.copyOf(cut, cut.length - 1))) // half of the ö
                .containsExactly("{\"name\":\"Gödel\"}");
    }
}
