package dev.passerelle.migrate;

import dev.passerelle.api.ListOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalSorterTest {
    @TempDir
    Path tmp;

    @Test
    void spillsRunsAndMergesThemBackIntoUtf8OrderThenCleansUp() throws Exception {
        List<Entry> in = new ArrayList<>();
        Random r = new Random(7);
        String[] odd = {"\uFF01", "\uD83D\uDE00", "a", "Z", "é", "/"};
        for (int i = 0; i < 5000; i++) {
            in.add(new Entry("k" + odd[r.nextInt(odd.length)] + i + odd[r.nextInt(odd.length)], i, "e" + i, i % 2 == 0 ? null : "a".repeat(64)));
        }
        List<String> expected = new ArrayList<>(in.stream().map(Entry::key).toList());
        expected.sort(ListOrder.UTF8_BINARY.comparator());
        List<Entry> shuffled = new ArrayList<>(in);
        Collections.shuffle(shuffled, r);
        Path spill = tmp.resolve("spill");
        List<Entry> out = new ArrayList<>();
        // chunk of 100 with fan-in 64 forces a multi-pass merge of 50 runs... and 5000/100 = 50 runs
        try (Cursor<Entry> c = new ExternalSorter<>(Entry.CODEC, SortedListing.ORDER, 100, spill).sort(shuffled.iterator())) {
            assertTrue(Files.list(spill).count() == 1, "one private spill directory while open");
            c.forEachRemaining(out::add);
        }
        assertEquals(expected, out.stream().map(Entry::key).toList());
        assertEquals(in.stream().filter(e -> e.sha256() == null).count(), out.stream().filter(e -> e.sha256() == null).count());
        assertEquals(0, Files.list(spill).count(), "runs deleted on close");
    }

    @Test
    void multiPassMergeWhenRunsExceedTheFanIn() {
        List<Entry> in = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            in.add(new Entry(Integer.toString((i * 7919) % 2000), i, "", null));
        }
        List<String> out = new ArrayList<>();
        try (Cursor<Entry> c = new ExternalSorter<>(Entry.CODEC, SortedListing.ORDER, 10, tmp).sort(in.iterator())) {
            c.forEachRemaining(e -> out.add(e.key()));
        }
        List<String> expected = new ArrayList<>(in.stream().map(Entry::key).toList());
        Collections.sort(expected);
        assertEquals(expected, out);
    }

    @Test
    void theTwoHostOrdersReallyDisagreeOnTheTestKeys() {
        String fullwidth = "a\uFF01";
        String emoji = "a\uD83D\uDE00";
        assertNotEquals(Integer.signum(ListOrder.UTF8_BINARY.comparator().compare(fullwidth, emoji)),
                Integer.signum(ListOrder.UTF16.comparator().compare(fullwidth, emoji)));
    }
}
