package dev.passerelle.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListOrderTest {
    private static final String FULLWIDTH = "\uFF01";          // U+FF01, one UTF-16 unit, 3 UTF-8 bytes EF BC 81
    private static final String EMOJI = "\uD83D\uDE00";         // U+1F600, a surrogate pair, 4 UTF-8 bytes F0 9F 98 80

    private static List<String> sorted(ListOrder order, String... keys) {
        List<String> l = new ArrayList<>(List.of(keys));
        l.sort(order.comparator());
        return l;
    }

    @Test
    void utf8BinaryPutsTheBmpCharacterFirst() {
        assertEquals(List.of("a" + FULLWIDTH, "a" + EMOJI), sorted(ListOrder.UTF8_BINARY, "a" + EMOJI, "a" + FULLWIDTH));
    }

    @Test
    void utf16PutsTheSurrogatePairFirst() {
        assertEquals(List.of("a" + EMOJI, "a" + FULLWIDTH), sorted(ListOrder.UTF16, "a" + FULLWIDTH, "a" + EMOJI));
    }

    @Test
    void utf8BinaryAgreesWithTheBytes() {
        String[] keys = {"", "a", "a/b", "ab", "Z", "é", FULLWIDTH, EMOJI, "a" + EMOJI + "b", "a" + EMOJI, "\u007F"};
        for (String x : keys) {
            for (String y : keys) {
                int byBytes = Integer.signum(ListOrder.compareBytes(ListOrder.utf8(x), ListOrder.utf8(y)));
                assertEquals(byBytes, Integer.signum(ListOrder.UTF8_BINARY.comparator().compare(x, y)), x + " vs " + y);
            }
        }
    }

    @Test
    void prefixesSortFirstInBothOrders() {
        for (ListOrder o : ListOrder.values()) {
            assertTrue(o.comparator().compare("a", "a/") < 0);
            assertTrue(o.comparator().compare("a" + EMOJI, "a" + EMOJI + "x") < 0);
            assertEquals(0, o.comparator().compare("same", "same"));
        }
    }
}
