package dev.passerelle.testkit;

import dev.passerelle.api.Capabilities;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capability fields not exercised by a feature's own tests: the backend behaves as it declares
 * (the MD5 it reports, its size and part limits, checksums given up front). The boolean features
 * (ranged reads, copy, conditions, metadata, list order, stored checksums) gate their own contracts;
 * {@code writable} gates the whole kit; the metadata budget is {@link MetadataContract}'s.
 * {@code localReads} promises a cost (a second read is cheap), which no call can observe.
 */
public interface CapabilitiesContract extends ContractSupport {
    /** The largest object the kit writes to check a limit: anything larger is not cheap. */
    long CHEAP = 32L << 20;

    /** The limits agree with each other: a part fits an object, the parts can carry the largest object. */
    @Test
    default void declaredLimitsAreConsistent() {
        Capabilities c = caps();
        assertTrue(c.maxObjectSize() > 0, "a writable store takes objects of at least one byte: " + c);
        assertTrue(c.maxUserMetadataBytes() >= 0 && c.minPartSize() >= 0 && c.maxPartSize() >= 0 && c.maxParts() >= 0, c.toString());
        if (c.maxPartSize() > 0) {
            assertTrue(c.minPartSize() <= c.maxPartSize(), "smallest part above the largest: " + c);
            assertTrue(c.maxParts() > 0, "a part size without a part count: " + c);
            assertTrue(java.math.BigInteger.valueOf(c.maxPartSize()).multiply(java.math.BigInteger.valueOf(c.maxParts()))
                    .compareTo(java.math.BigInteger.valueOf(c.maxObjectSize())) >= 0, "the parts cannot carry the largest declared object: " + c);
        }
        assertTrue(c.upFrontChecksumsFrom() >= 0, c.toString());
        if (c.atomicConditionalPut()) {
            assertTrue(c.conditionalPut(), "atomic conditions without conditions: " + c);
        }
    }

    /** {@code nativeMd5}: the MD5 the store reports of an object is the content's. */
    @Test
    default void theReportedMd5IsTheContentsMd5() {
        requireCapability(caps().nativeMd5(), "nativeMd5");
        byte[] data = Kit.bytes(70_000, 51);
        Kit.put(store(), container(), "md5", data);
        ObjectInfo head = store().head(container(), "md5", GetOptions.defaults());
        assertEquals(Kit.md5(data), head.checksum(ChecksumAlgorithm.MD5).orElseThrow(() -> new AssertionError("no MD5 reported: " + head)).hex());
    }

    /** {@code maxObjectSize}: a put that declares one byte more is refused as too large, before its stream is read, and stores nothing. */
    @Test
    default void aPutDeclaringMoreThanTheLargestObjectIsRefusedUnread() {
        long max = caps().maxObjectSize();
        requireCapability(max < Long.MAX_VALUE, "maxObjectSize below Long.MAX_VALUE");
        AtomicBoolean read = new AtomicBoolean();
        InputStream untouched = new InputStream() {
            @Override
            public int read() {
                read.set(true);
                return -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read.set(true);
                return -1;
            }
        };
        Kit.expect(ErrorKind.PAYLOAD_TOO_LARGE, () -> store().put(container(), "too-large", untouched, max + 1, PutOptions.defaults()));
        assertFalse(read.get(), "the stream of a put over the declared " + max + " bytes was read");
        Kit.assertAbsent(store(), container(), "too-large");
    }

    /** {@code maxObjectSize}, where it is cheap: an object of exactly the declared size is accepted, one of unknown length too. */
    @Test
    default void anObjectOfTheLargestSizeIsAccepted() {
        long max = caps().maxObjectSize();
        requireCapability(max <= CHEAP, "maxObjectSize of at most 32 MiB (cheap to write)");
        byte[] data = Kit.bytes((int) max, 52);
        assertEquals(max, Kit.put(store(), container(), "largest", data).size());
        assertEquals(max, store().put(container(), "largest-unknown", new ByteArrayInputStream(data), -1, PutOptions.defaults()).size());
        assertArrayEquals(data, Kit.read(store(), container(), "largest-unknown"));
    }

    /** The part limits, where cheap: an object of two smallest parts and a byte, of known and of unknown length, round trips. */
    @Test
    default void anObjectOfSeveralSmallestPartsRoundTrips() {
        long min = caps().minPartSize();
        requireCapability(min > 1 && 2 * min + 1 <= CHEAP && 2 * min + 1 <= caps().maxObjectSize(), "a smallest part of at most 16 MiB");
        byte[] data = Kit.bytes((int) (2 * min + 1), 53);
        Kit.put(store(), container(), "parts", data);
        assertArrayEquals(data, Kit.read(store(), container(), "parts"));
        store().put(container(), "parts-unknown", new ByteArrayInputStream(data), -1, PutOptions.defaults());
        assertArrayEquals(data, Kit.read(store(), container(), "parts-unknown"));
    }

    /**
     * {@code upFrontChecksumsFrom}: from the declared size, a put given both checksums stores exactly
     * them, and a wrong one given up front is refused and stores nothing.
     */
    @Test
    default void checksumsGivenUpFrontFromTheDeclaredSizeAreStoredOrRefused() {
        long from = caps().upFrontChecksumsFrom();
        requireCapability(caps().storesChecksums() && from <= CHEAP && from <= caps().maxObjectSize(), "upFrontChecksumsFrom of at most 32 MiB");
        byte[] data = Kit.bytes((int) Math.max(1, from), 54);
        PutOptions both = PutOptions.builder().expectedSha256(Kit.sha256(data)).expectedMd5(Kit.md5(data)).build();
        Kit.put(store(), container(), "up-front", data, both);
        ObjectInfo head = store().head(container(), "up-front", GetOptions.defaults());
        assertEquals(Kit.sha256(data), head.passerelleSha256().orElseThrow());
        assertEquals(Kit.md5(data), head.checksum(ChecksumAlgorithm.MD5).orElseThrow().hex());
        PutOptions wrong = PutOptions.builder().expectedSha256(Kit.sha256(new byte[] {1})).expectedMd5(Kit.md5(data)).build();
        Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> Kit.put(store(), container(), "up-front-bad", data, wrong));
        Kit.assertAbsent(store(), container(), "up-front-bad");
    }
}
