package dev.passerelle.migrate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyFilterTest {
    @Test
    void globs() {
        KeyFilter f = new KeyFilter(List.of("*.jpg", "raw/**", "doc-?.{txt,md}"), List.of("tmp/**", "*secret*"), Shard.ALL);
        assertTrue(f.accepts("a.jpg"));
        assertTrue(f.accepts("2024/06/a.jpg"), "a glob without / matches the last segment");
        assertTrue(f.accepts("raw/x/y/z"));
        assertTrue(f.accepts("doc-1.md"));
        assertFalse(f.accepts("doc-12.md"));
        assertFalse(f.accepts("tmp/a.jpg"), "excluded");
        assertFalse(f.accepts("my-secret.jpg"));
        assertFalse(f.accepts("a.png"));
        KeyFilter classes = new KeyFilter(List.of("[a-c]*", "[!x]?z"), List.of(), Shard.ALL);
        assertTrue(classes.accepts("bob"));
        assertTrue(classes.accepts("yoz"));
        assertFalse(classes.accepts("xoz"));
        assertThrows(UsageException.class, () -> new KeyFilter(List.of("[abc"), List.of(), Shard.ALL));
        assertThrows(UsageException.class, () -> new KeyFilter(List.of("{a,b"), List.of(), Shard.ALL));
    }

    @Test
    void shardsPartitionTheKeys() {
        int n = 5;
        List<String> keys = IntStream.range(0, 2000).mapToObj(i -> "key/" + i + "\uD83D\uDE00").toList();
        int[] counts = new int[n];
        for (String k : keys) {
            int owners = 0;
            for (int s = 0; s < n; s++) {
                if (new Shard(s, n).contains(k)) {
                    owners++;
                    counts[s]++;
                }
            }
            assertEquals(1, owners, k);
        }
        for (int c : counts) {
            assertTrue(c > 300, "shards are balanced: " + java.util.Arrays.toString(counts));
        }
        assertEquals(new Shard(3, 8), Shard.parse(" 3/8 "));
        assertThrows(UsageException.class, () -> Shard.parse("8/8"));
        assertThrows(UsageException.class, () -> Shard.parse("1"));
    }

    @Test
    void locations() {
        assertEquals(new Location("cellar", "patients", "2024/scans/"), Location.parse("cellar:patients/2024/scans"));
        assertEquals(new Location("local", "data", ""), Location.parse("local:data"));
        assertEquals("local:data/x/", Location.parse("local:data/x/").toString());
        assertThrows(UsageException.class, () -> Location.parse("nocolon"));
        assertThrows(UsageException.class, () -> Location.parse("b:UPPER"));
        assertThrows(UsageException.class, () -> Location.parse("b:data//x"));
        assertThrows(UsageException.class, () -> Location.parse(":data"));
    }
}
