package dev.passerelle.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A backend opts in to every capability: nothing is claimed by default. */
class CapabilitiesTest {

    @Test
    void everyFeatureStartsOffAndEveryLimitAtNothing() {
        Capabilities c = Capabilities.builder().listOrder(ListOrder.UTF8_BINARY).build();
        assertEquals(new Capabilities(false, false, false, false, ListOrder.UTF8_BINARY, false, false, false, false,
                0, 0, 0, 0, 0, false, Long.MAX_VALUE), c);
    }

    @Test
    void aListOrderMustBeDeclared() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Capabilities.builder().writable(true).build());
        assertEquals("a backend's capabilities must declare its list order", e.getMessage());
    }

    @Test
    void toBuilderKeepsEveryField() {
        Capabilities c = new Capabilities(true, true, true, false, ListOrder.UTF16, true, true, true, true,
                1024, 5L << 30, 1, 4L << 20, 50_000, true, 12_345);
        assertEquals(c, c.toBuilder().build());
    }
}
