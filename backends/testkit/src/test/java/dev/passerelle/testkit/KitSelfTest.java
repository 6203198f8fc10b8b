package dev.passerelle.testkit;

import dev.passerelle.api.ListOrder;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the kit's own helpers, so a broken helper cannot make contract tests pass. */
class KitSelfTest {

    @Test
    void pseudoRandomStreamIsDeterministicAndExactLength() throws Exception {
        byte[] a = PseudoRandomInputStream.bytes(7, 10_001);
        byte[] b = new byte[10_001];
        try (InputStream in = new PseudoRandomInputStream(7, 10_001)) {
            int off = 0;
            while (off < b.length) {
                if (off % 3 == 0) {
                    off += in.read(b, off, Math.min(13, b.length - off));
                } else {
                    b[off++] = (byte) in.read();
                }
            }
            assertEquals(-1, in.read());
        }
        assertArrayEquals(a, b, "bulk and byte-wise reads give the same bytes");
        assertNotEquals(Kit.sha256(a), Kit.sha256(PseudoRandomInputStream.bytes(8, 10_001)), "seeds differ");
        long zeros = 0;
        for (byte x : a) {
            zeros += x == 0 ? 1 : 0;
        }
        assertTrue(zeros < 200, "bytes look random");
    }

    @Test
    void randomContainerNamesAreValidAndDistinct() {
        String a = Kit.randomContainerName();
        dev.passerelle.api.Names.validateContainer(a);
        assertNotEquals(a, Kit.randomContainerName());
    }

    @Test
    void expectedDelimiterListingRollsUpAndRespectsStartAfter() {
        List<String> keys = new ArrayList<>(List.of("a/1", "a/2", "b", "c/x/y", "c/z"));
        keys.sort(ListOrder.UTF8_BINARY.comparator());
        Listed top = Listed.expected(keys, "", "/", null, ListOrder.UTF8_BINARY.comparator());
        assertEquals(List.of("b"), top.keys());
        assertEquals(List.of("a/", "c/"), top.prefixes());
        Listed after = Listed.expected(keys, "", "/", "a/", ListOrder.UTF8_BINARY.comparator());
        assertEquals(List.of("c/"), after.prefixes());
        Listed c = Listed.expected(keys, "c/", "/", null, ListOrder.UTF8_BINARY.comparator());
        assertEquals(List.of("c/z"), c.keys());
        assertEquals(List.of("c/x/"), c.prefixes());
    }

    @Test
    void listingFixtureHasEnoughKeysThatTellTheOrdersApart() {
        List<String> keys = ListingFixture.keys();
        assertEquals(ListingFixture.KEY_COUNT, keys.size());
        assertEquals(keys.size(), new java.util.HashSet<>(keys).size(), "no duplicate key");
        List<String> utf8 = new ArrayList<>(keys);
        utf8.sort(ListOrder.UTF8_BINARY.comparator());
        List<String> utf16 = new ArrayList<>(keys);
        utf16.sort(ListOrder.UTF16.comparator());
        assertNotEquals(utf8, utf16);
    }
}
