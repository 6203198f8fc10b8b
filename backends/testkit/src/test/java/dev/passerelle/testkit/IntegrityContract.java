package dev.passerelle.testkit;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A put that cannot be verified stores nothing: wrong expected checksums, a body shorter or longer
 * than declared, a stream that fails mid-way. A previous object under the key stays intact.
 */
public interface IntegrityContract extends ContractSupport {

    private void assertOnlyPrevious(String key, byte[] previous) {
        if (previous == null) {
            Kit.assertAbsent(store(), container(), key);
            assertTrue(keysOf(container()).isEmpty(), "listing shows nothing");
        } else {
            assertArrayEquals(previous, Kit.read(store(), container(), key), "the previous object is intact");
            assertEquals(List.of(key), keysOf(container()));
        }
    }

    @Test
    default void md5MismatchStoresNothing() {
        byte[] data = Kit.bytes(10_000, 40);
        PutOptions wrongMd5 = PutOptions.builder().expectedMd5(Kit.md5(Kit.bytes(10_000, 41))).build();
        Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> Kit.put(store(), container(), "md5-bad", data, wrongMd5));
        assertOnlyPrevious("md5-bad", null);
    }

    @Test
    default void sha256MismatchStoresNothingAndKeepsThePreviousObject() {
        byte[] previous = Kit.bytes(3_000, 42);
        Kit.put(store(), container(), "sha-bad", previous);
        byte[] data = Kit.bytes(2 * 1024 * 1024, 43);
        PutOptions wrongSha = PutOptions.builder().expectedSha256(Kit.sha256(previous)).build();
        Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> Kit.put(store(), container(), "sha-bad", data, wrongSha));
        assertOnlyPrevious("sha-bad", previous);
    }

    @Test
    default void md5MismatchKeepsThePreviousObject() {
        byte[] previous = Kit.bytes(3_000, 44);
        Kit.put(store(), container(), "md5-prev", previous);
        PutOptions wrongMd5 = PutOptions.builder().expectedMd5("00000000000000000000000000000000").build();
        Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> store().put(container(), "md5-prev", new ByteArrayInputStream(Kit.bytes(500, 45)), -1, wrongMd5));
        assertOnlyPrevious("md5-prev", previous);
    }

    @Test
    default void matchingExpectedChecksumsAreAccepted() {
        byte[] data = Kit.bytes(12_345, 46);
        PutOptions both = PutOptions.builder().expectedMd5(Kit.md5(data).toUpperCase(java.util.Locale.ROOT)).expectedSha256(Kit.sha256(data)).build();
        Kit.put(store(), container(), "sums-ok", data, both);
        assertArrayEquals(data, Kit.read(store(), container(), "sums-ok"));
    }

    @Test
    default void bodyShorterThanDeclaredStoresNothing() {
        byte[] previous = Kit.bytes(100, 47);
        Kit.put(store(), container(), "short", previous);
        byte[] data = Kit.bytes(1000, 48);
        Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store().put(container(), "short", new ByteArrayInputStream(data), 1001, PutOptions.defaults()));
        assertOnlyPrevious("short", previous);
        Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store().put(container(), "short-new", new ByteArrayInputStream(data), 5000, PutOptions.defaults()));
        Kit.assertAbsent(store(), container(), "short-new");
    }

    @Test
    default void bodyLongerThanDeclaredStoresNothing() {
        byte[] data = Kit.bytes(1000, 49);
        Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store().put(container(), "long", new ByteArrayInputStream(data), 999, PutOptions.defaults()));
        Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store().put(container(), "long", new ByteArrayInputStream(data), 0, PutOptions.defaults()));
        assertOnlyPrevious("long", null);
    }

    @Test
    default void failingStreamLeavesNothingVisible() {
        InputStream failing = new FailingInputStream(new PseudoRandomInputStream(50, 1024 * 1024));
        assertThrows(StorageException.class, () -> store().put(container(), "broken", failing, 4 * 1024 * 1024, PutOptions.defaults()));
        InputStream failingUnknown = new FailingInputStream(new PseudoRandomInputStream(51, 1024 * 1024));
        assertThrows(StorageException.class, () -> store().put(container(), "broken", failingUnknown, -1, PutOptions.defaults()));
        assertOnlyPrevious("broken", null);
    }

    @Test
    default void failingStreamKeepsThePreviousObject() {
        byte[] previous = Kit.bytes(5_000, 52);
        Kit.put(store(), container(), "broken-over", previous);
        InputStream failing = new FailingInputStream(new PseudoRandomInputStream(53, 700_000));
        assertThrows(StorageException.class, () -> store().put(container(), "broken-over", failing, -1, PutOptions.defaults()));
        assertOnlyPrevious("broken-over", previous);
    }
}
