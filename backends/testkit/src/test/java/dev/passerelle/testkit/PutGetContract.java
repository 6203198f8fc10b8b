package dev.passerelle.testkit;

import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.Checksum;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.passerelle.testkit.Kit.ctx;
import static dev.passerelle.testkit.Kit.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Put, get, head and delete round trips. */
public interface PutGetContract extends ContractSupport {

    private void roundTrip(String key, byte[] data) {
        ObjectInfo put = Kit.put(store(), container(), key, data);
        assertEquals(key, put.key());
        assertEquals(data.length, put.size());
        try (ObjectContent content = store().get(container(), key, GetOptions.defaults())) {
            assertEquals(data.length, content.info().size());
            assertEquals(data.length, content.length());
            assertArrayEquals(data, Kit.readAll(content), "bytes read back equal the bytes put");
            assertEquals(put.etag(), content.info().etag(), "get reports the ETag put returned");
        }
    }

    @Test
    default void emptyObjectRoundTrips() {
        roundTrip("empty", new byte[0]);
    }

    @Test
    default void oneByteObjectRoundTrips() {
        roundTrip("one", new byte[] {42});
    }

    @Test
    default void fiveMebibytesPlusOneRoundTrip() {
        roundTrip("five-mib-plus-one", Kit.bytes(5 * 1024 * 1024 + 1, 5));
    }

    @Test
    default void unknownLengthStreamRoundTrips() {
        byte[] data = Kit.bytes(3 * 1024 * 1024 + 17, 6);
        ObjectInfo put = store().put(container(), "unknown-length", new ByteArrayInputStream(data), -1, PutOptions.defaults());
        assertEquals(data.length, put.size(), "size counted from the stream");
        assertArrayEquals(data, Kit.read(store(), container(), "unknown-length"));
        assertEquals(data.length, store().head(container(), "unknown-length", GetOptions.defaults()).size());
    }

    @Test
    default void overwriteReplacesContentAndChangesEtag() {
        ObjectInfo first = Kit.put(store(), container(), "over", Kit.bytes(2000, 7));
        byte[] second = Kit.bytes(1500, 8);
        ObjectInfo put2 = Kit.put(store(), container(), "over", second);
        assertArrayEquals(second, Kit.read(store(), container(), "over"));
        assertEquals(1500, store().head(container(), "over", GetOptions.defaults()).size());
        assertNotEquals(first.etag(), put2.etag(), "a new write has a new ETag");
        assertEquals(List.of("over"), keysOf(container()), "one key, not two versions");
    }

    @Test
    default void headReportsWhatPutStored() {
        byte[] data = Kit.bytes(4321, 10);
        Instant before = Instant.now().minus(Duration.ofMinutes(5));
        ObjectInfo put = Kit.put(store(), container(), "dir/head-me", data);
        ObjectInfo head = store().head(container(), "dir/head-me", GetOptions.defaults());
        assertEquals("dir/head-me", head.key());
        assertEquals(4321, head.size());
        assertEquals(put.etag(), head.etag());
        assertFalse(head.etag().startsWith("\""), "ETags are stored without quotes");
        assertFalse(head.etag().isEmpty(), "an ETag is present");
        assertTrue(head.lastModified().isAfter(before) && head.lastModified().isBefore(Instant.now().plus(Duration.ofMinutes(5))),
                "last modified is about now: " + head.lastModified());
    }

    @Test
    default void passerelleChecksumsArePresentInPutResultAndHead() {
        requireCapability(caps().storesChecksums(), "storesChecksums");
        byte[] data = Kit.bytes(70_000, 11);
        ObjectInfo put = Kit.put(store(), container(), "sums", data);
        for (ObjectInfo info : List.of(put, store().head(container(), "sums", GetOptions.defaults()))) {
            assertEquals(Kit.sha256(data), info.passerelleSha256().orElseThrow(), "Passerelle SHA-256");
            Checksum md5 = info.checksum(ChecksumAlgorithm.MD5).orElseThrow();
            assertEquals(Kit.md5(data), md5.hex(), "MD5");
        }
        try (ObjectContent content = store().get(container(), "sums", GetOptions.defaults())) {
            assertEquals(Kit.sha256(data), content.info().passerelleSha256().orElseThrow(), "get carries the SHA-256 too");
            Kit.readAll(content);
        }
    }

    @Test
    default void deleteRemovesTheObject() {
        Kit.put(store(), container(), "doomed", Kit.bytes(10, 12));
        Kit.put(store(), container(), "kept", Kit.bytes(10, 13));
        store().delete(container(), "doomed", ctx());
        Kit.assertAbsent(store(), container(), "doomed");
        assertEquals(List.of("kept"), keysOf(container()));
    }

    @Test
    default void deletingAMissingObjectFailsWithObjectNotFound() {
        expect(ErrorKind.OBJECT_NOT_FOUND, () -> store().delete(container(), "never-was", ctx()));
        Kit.put(store(), container(), "once", new byte[1]);
        store().delete(container(), "once", ctx());
        expect(ErrorKind.OBJECT_NOT_FOUND, () -> store().delete(container(), "once", ctx()));
    }

    @Test
    default void readingAMissingObjectFailsWithObjectNotFound() {
        Kit.put(store(), container(), "a/b", new byte[1]);
        Kit.assertAbsent(store(), container(), "missing");
        Kit.assertAbsent(store(), container(), "a");
        Kit.assertAbsent(store(), container(), "a/");
    }

    @Test
    default void badKeysAreInvalidArguments() {
        for (String bad : List.of("", "nul\u0000byte", "line\nbreak", "x".repeat(1025), "\u00e9".repeat(513))) {
            StorageException e = expect(ErrorKind.INVALID_ARGUMENT, () -> Kit.put(store(), container(), bad, new byte[1]));
            assertEquals("invalid_key", e.code());
            expect(ErrorKind.INVALID_ARGUMENT, () -> store().head(container(), bad, GetOptions.defaults()));
        }
        assertTrue(keysOf(container()).isEmpty(), "nothing was stored");
    }
}
