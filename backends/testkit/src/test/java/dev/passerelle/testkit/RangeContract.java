package dev.passerelle.testkit;

import dev.passerelle.api.ByteRange;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ranged reads (RFC 9110 §14.1.1), gated by {@code rangedReads}. */
public interface RangeContract extends ContractSupport {
    /** Size of the object the range tests read. */
    int RANGE_OBJECT_SIZE = 100_000;

    private byte[] rangeObject() {
        requireCapability(caps().rangedReads(), "rangedReads");
        byte[] data = Kit.bytes(RANGE_OBJECT_SIZE, 20);
        Kit.put(store(), container(), "ranged", data);
        return data;
    }

    private void assertRange(byte[] data, ByteRange range, int first, int last) {
        try (ObjectContent content = store().get(container(), "ranged", GetOptions.defaults().withRange(range))) {
            assertEquals(RANGE_OBJECT_SIZE, content.info().size(), "info carries the whole object's size");
            assertEquals(last - first + 1, content.length(), "length of " + range);
            if (content.range() != null) {
                assertEquals(first, content.range().first());
                assertEquals(last, content.range().last());
                assertEquals(RANGE_OBJECT_SIZE, content.range().totalSize());
            } else {
                assertEquals(0, first, "a null range means the whole object");
                assertEquals(data.length - 1, last, "a null range means the whole object");
            }
            assertArrayEquals(Arrays.copyOfRange(data, first, last + 1), Kit.readAll(content), "bytes of " + range);
        }
    }

    @Test
    default void rangeOfTheFirstBytes() {
        byte[] data = rangeObject();
        assertRange(data, ByteRange.of(0, 0), 0, 0);
        assertRange(data, ByteRange.of(0, 99), 0, 99);
    }

    @Test
    default void rangeInTheMiddle() {
        byte[] data = rangeObject();
        assertRange(data, ByteRange.of(12_345, 67_890), 12_345, 67_890);
    }

    @Test
    default void suffixRange() {
        byte[] data = rangeObject();
        assertRange(data, ByteRange.suffix(500), RANGE_OBJECT_SIZE - 500, RANGE_OBJECT_SIZE - 1);
        assertRange(data, ByteRange.suffix(RANGE_OBJECT_SIZE + 10), 0, RANGE_OBJECT_SIZE - 1);
    }

    @Test
    default void openEndedRange() {
        byte[] data = rangeObject();
        assertRange(data, ByteRange.from(99_000), 99_000, RANGE_OBJECT_SIZE - 1);
        assertRange(data, ByteRange.from(RANGE_OBJECT_SIZE - 1), RANGE_OBJECT_SIZE - 1, RANGE_OBJECT_SIZE - 1);
    }

    @Test
    default void rangeEndingPastTheObjectIsClamped() {
        byte[] data = rangeObject();
        assertRange(data, ByteRange.of(90_000, 5_000_000), 90_000, RANGE_OBJECT_SIZE - 1);
    }

    @Test
    default void rangeStartingAtOrPastTheEndIsInvalidRange() {
        rangeObject();
        Kit.expect(ErrorKind.INVALID_RANGE, () -> store().get(container(), "ranged", GetOptions.defaults().withRange(ByteRange.from(RANGE_OBJECT_SIZE))).close());
        Kit.expect(ErrorKind.INVALID_RANGE, () -> store().get(container(), "ranged", GetOptions.defaults().withRange(ByteRange.of(RANGE_OBJECT_SIZE + 5, RANGE_OBJECT_SIZE + 10))).close());
    }

    @Test
    default void headIgnoresTheRange() {
        rangeObject();
        assertEquals(RANGE_OBJECT_SIZE, store().head(container(), "ranged", GetOptions.defaults().withRange(ByteRange.of(5, 9))).size());
    }
}
