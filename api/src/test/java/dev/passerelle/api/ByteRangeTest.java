package dev.passerelle.api;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteRangeTest {

    private static ResolvedRange resolve(String header, long size) {
        return ByteRange.parseHttp(header).orElseThrow().resolve(size);
    }

    @Test
    void parsesTheThreeForms() {
        assertEquals(ByteRange.of(0, 99), ByteRange.parseHttp("bytes=0-99").orElseThrow());
        assertEquals(ByteRange.from(100), ByteRange.parseHttp("bytes=100-").orElseThrow());
        assertEquals(ByteRange.suffix(5), ByteRange.parseHttp("bytes=-5").orElseThrow());
        assertEquals(ByteRange.of(1, 2), ByteRange.parseHttp(" bytes = 1 - 2 ").orElseThrow());
    }

    @Test
    void malformedOrMultipleRangesAreIgnored() {
        for (String h : new String[] {"bytes=", "bytes=-", "bytes=5-1", "items=0-1", "bytes=0-1,3-4", "bytes=a-b", "0-1",
                "bytes=99999999999999999999-", "bytes=--1"}) {
            assertEquals(Optional.empty(), ByteRange.parseHttp(h), h);
        }
        assertEquals(Optional.empty(), ByteRange.parseHttp(null));
    }

    @Test
    void resolvesInsideTheObject() {
        ResolvedRange r = resolve("bytes=10-19", 100);
        assertEquals(10, r.first());
        assertEquals(19, r.last());
        assertEquals(10, r.length());
        assertEquals("bytes 10-19/100", r.contentRange());
        assertFalse(r.isWhole());
        assertTrue(resolve("bytes=0-99", 100).isWhole());
    }

    @Test
    void anEndPastTheObjectIsClamped() {
        ResolvedRange r = resolve("bytes=90-1000", 100);
        assertEquals(90, r.first());
        assertEquals(99, r.last());
        assertEquals(10, r.length());
        assertEquals(99, resolve("bytes=50-", 100).last());
        assertEquals(new ResolvedRange(0, 0, 1), resolve("bytes=0-0", 1));
    }

    @Test
    void suffixRangesCountFromTheEndAndAreClampedToTheObject() {
        assertEquals(new ResolvedRange(95, 99, 100), resolve("bytes=-5", 100));
        assertEquals(new ResolvedRange(0, 99, 100), resolve("bytes=-500", 100));
    }

    @Test
    void aStartAtOrPastTheEndIsUnsatisfiable() {
        for (String h : new String[] {"bytes=100-", "bytes=100-200", "bytes=150-160"}) {
            StorageException e = assertThrows(StorageException.class, () -> resolve(h, 100), h);
            assertEquals(ErrorKind.INVALID_RANGE, e.kind());
            assertEquals(416, e.kind().httpStatus());
        }
    }

    @Test
    void emptySuffixAndEmptyObjectAreUnsatisfiable() {
        assertEquals(ErrorKind.INVALID_RANGE, assertThrows(StorageException.class, () -> resolve("bytes=-0", 100)).kind());
        assertEquals(ErrorKind.INVALID_RANGE, assertThrows(StorageException.class, () -> resolve("bytes=-5", 0)).kind());
        assertEquals(ErrorKind.INVALID_RANGE, assertThrows(StorageException.class, () -> resolve("bytes=0-", 0)).kind());
    }

    @Test
    void constructorsRejectNonsense() {
        assertEquals("invalid_range_syntax", assertThrows(StorageException.class, () -> ByteRange.of(5, 4)).code());
        assertEquals("invalid_range_syntax", assertThrows(StorageException.class, () -> ByteRange.of(-1, 4)).code());
        assertEquals("invalid_range_syntax", assertThrows(StorageException.class, () -> ByteRange.from(-1)).code());
        assertEquals("invalid_range_syntax", assertThrows(StorageException.class, () -> ByteRange.suffix(-1)).code());
        assertThrows(IllegalArgumentException.class, () -> new ResolvedRange(0, 10, 10));
    }

    @Test
    void printsAsAnHttpHeader() {
        assertEquals("bytes=0-99", ByteRange.of(0, 99).toString());
        assertEquals("bytes=7-", ByteRange.from(7).toString());
        assertEquals("bytes=-3", ByteRange.suffix(3).toString());
        assertTrue(ByteRange.suffix(3).isSuffix());
        assertEquals(-1, ByteRange.from(7).last());
        assertEquals(ByteRange.of(1, 2).hashCode(), ByteRange.of(1, 2).hashCode());
    }
}
