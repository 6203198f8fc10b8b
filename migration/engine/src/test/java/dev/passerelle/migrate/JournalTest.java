package dev.passerelle.migrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournalTest {
    @TempDir
    Path tmp;

    @Test
    void recordsSurviveReopenTornLinesAreIgnoredAndReadBackSorted() throws Exception {
        Path file = tmp.resolve("j/journal.log");
        String sha = "ab".repeat(32);
        try (Journal j = Journal.openForAppend(file, "copy a -> b")) {
            j.record(new Journal.Record("z\tkey with tab%and percent", 10, sha, "e1", "d1"));
            j.record(new Journal.Record("a\uD83D\uDE00", 0, sha, "", "d2"));
        }
        Files.writeString(file, sha + "\t12\tetag\td3\tto", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Journal j = Journal.openForAppend(file, "copy a -> b")) {
            j.record(new Journal.Record("a\uFF01", 5, sha, "e3", "d3"));
        }
        List<Journal.Record> read = new ArrayList<>();
        try (Cursor<Journal.Record> c = Journal.readSorted(file, new ExternalSorter<>(Journal.Record.CODEC, SortedListing.ORDER, 2, tmp), true)) {
            c.forEachRemaining(read::add);
        }
        assertEquals(List.of("a\uFF01", "a\uD83D\uDE00", "z\tkey with tab%and percent"), read.stream().map(Journal.Record::key).toList(),
                "sorted in UTF-8 order; the torn line (no newline) was cut off");
        assertEquals(10, read.get(2).size());
        assertEquals("d1", read.get(2).destinationEtag());
        assertThrows(UsageException.class, () -> Journal.checkIdentity(file, "copy a -> c"));
    }

    @Test
    void aReadOnlyReadSkipsATornLineAndLeavesTheFileAlone() throws Exception {
        Path file = tmp.resolve("ro/journal.log");
        String sha = "cd".repeat(32);
        try (Journal j = Journal.openForAppend(file, "copy a -> b")) {
            j.record(new Journal.Record("kept", 3, sha, "e", "d"));
        }
        Files.writeString(file, sha + "\t12\tetag\td3\ttorn-ke", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(file);
        List<Journal.Record> read = new ArrayList<>();
        try (Cursor<Journal.Record> c = Journal.readSorted(file, new ExternalSorter<>(Journal.Record.CODEC, SortedListing.ORDER, 2, tmp), false)) {
            c.forEachRemaining(read::add);
        }
        assertEquals(List.of("kept"), read.stream().map(Journal.Record::key).toList(), "the torn line (a plan may read it) is not a record");
        assertArrayEquals(before, Files.readAllBytes(file), "a plan's read changes nothing");
    }

    @Test
    void malformedLinesAreSkipped() {
        assertEquals(null, Journal.parse("# header"));
        assertEquals(null, Journal.parse("abc\t1\te\td\tk"));
        assertEquals(null, Journal.parse("ab".repeat(32) + "\t1\te\td"));
        assertEquals("k%", Journal.parse("ab".repeat(32) + "\t1\te\td\tk%25").key());
        assertEquals(null, Journal.parse("ab".repeat(32) + "\t1\te\td\tk%2"));
    }
}
