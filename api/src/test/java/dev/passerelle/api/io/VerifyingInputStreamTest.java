package dev.passerelle.api.io;

import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyingInputStreamTest {
    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.UTF_8);
    private static final String HELLO_SHA256 = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
    private static final String HELLO_MD5 = "5eb63bbbe01eeed093cb22bb8f5acdc3";
    private static final long MAX = 1 << 20;

    private static VerifyingInputStream of(byte[] data, long declared, String md5, String sha256) {
        return new VerifyingInputStream(new ByteArrayInputStream(data), declared, MAX, md5, sha256);
    }

    @Test
    void computesChecksumsAndCountsWithAKnownLength() throws IOException {
        VerifyingInputStream v = of(HELLO, HELLO.length, HELLO_MD5, HELLO_SHA256);
        byte[] out = v.readAllBytes();
        assertEquals(HELLO.length, out.length);
        assertTrue(v.isComplete());
        assertEquals(HELLO.length, v.count());
        assertEquals(HELLO_SHA256, v.sha256Hex());
        assertEquals(HELLO_MD5, v.md5Hex());
        assertEquals(HELLO_SHA256, v.checksums().get(ChecksumAlgorithm.SHA256).hex());
    }

    @Test
    void unknownLengthAndSingleByteReads() throws IOException {
        VerifyingInputStream v = of(HELLO, -1, null, null);
        int n = 0;
        while (v.read() >= 0) {
            n++;
        }
        assertEquals(HELLO.length, n);
        assertEquals(HELLO_SHA256, v.sha256Hex());
    }

    @Test
    void finishReadsAheadWhenTheCallerStoppedAtTheDeclaredLength() throws IOException {
        VerifyingInputStream v = of(HELLO, HELLO.length, null, HELLO_SHA256);
        assertEquals(HELLO.length, v.readNBytes(HELLO.length).length);
        assertFalse(v.isComplete(), "the end has not been seen yet");
        assertThrows(IllegalStateException.class, v::sha256Hex);
        v.finish();
        assertTrue(v.isComplete());
        assertEquals(HELLO_SHA256, v.sha256Hex());
    }

    @Test
    void aShortBodyFails() {
        VerifyingInputStream v = of(HELLO, HELLO.length + 1, null, null);
        StorageException e = assertThrows(StorageException.class, v::readAllBytes);
        assertEquals("length_mismatch", e.code());
        assertFalse(v.isComplete());
    }

    @Test
    void aLongBodyFailsAsSoonAsItPassesTheDeclaredLength() throws IOException {
        VerifyingInputStream v = of(HELLO, 5, null, null);
        assertEquals(5, v.readNBytes(5).length);
        StorageException e = assertThrows(StorageException.class, v::finish);
        assertEquals("length_mismatch", e.code());
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
    }

    @Test
    void checksumMismatchesFailAtTheEnd() {
        StorageException sha = assertThrows(StorageException.class, () -> of(HELLO, -1, null, "0".repeat(64)).finish());
        assertEquals(ErrorKind.CHECKSUM_MISMATCH, sha.kind());
        StorageException md5 = assertThrows(StorageException.class, () -> of(HELLO, -1, "0".repeat(32), null).finish());
        assertEquals(ErrorKind.CHECKSUM_MISMATCH, md5.kind());
        assertTrue(assertThrows(StorageException.class, () -> of(HELLO, -1, null, HELLO_SHA256.toUpperCase().replace('B', 'C')).finish())
                .getMessage().contains("SHA-256"));
    }

    @Test
    void expectedChecksumsAreCaseInsensitive() throws IOException {
        of(HELLO, -1, HELLO_MD5.toUpperCase(), HELLO_SHA256.toUpperCase()).finish();
    }

    @Test
    void sizeLimits() {
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, assertThrows(StorageException.class,
                () -> new VerifyingInputStream(InputStream.nullInputStream(), 11, 10, null, null)).kind());
        VerifyingInputStream v = new VerifyingInputStream(new ByteArrayInputStream(HELLO), -1, 10, null, null);
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, assertThrows(StorageException.class, v::finish).kind());
        assertEquals("invalid_length", assertThrows(StorageException.class,
                () -> new VerifyingInputStream(InputStream.nullInputStream(), -2, 10, null, null)).code());
    }

    @Test
    void emptyBody() throws Exception {
        VerifyingInputStream v = of(new byte[0], 0, null, null);
        v.finish();
        assertEquals(Hex.encode(MessageDigest.getInstance("SHA-256").digest()), v.sha256Hex());
        assertEquals(0, v.count());
        assertEquals(-1, v.read());
    }

    @Test
    void aFailingSourceFailsTheReadAndNothingIsComplete() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client disconnected");
            }
        };
        VerifyingInputStream v = new VerifyingInputStream(broken, 10, MAX, null, null);
        assertThrows(IOException.class, v::finish);
        assertFalse(v.isComplete());
    }

    @Test
    void forPutTakesTheExpectedChecksumsFromTheOptions() {
        PutOptions opts = PutOptions.builder().expectedSha256("f".repeat(64)).build();
        VerifyingInputStream v = VerifyingInputStream.forPut(new ByteArrayInputStream(HELLO), -1, MAX, opts);
        assertEquals(ErrorKind.CHECKSUM_MISMATCH, assertThrows(StorageException.class, v::finish).kind());
    }

    @Test
    void noSkipNoMark() {
        VerifyingInputStream v = of(HELLO, -1, null, null);
        assertFalse(v.markSupported());
        assertThrows(IOException.class, () -> v.skip(1));
        assertThrows(IOException.class, v::reset);
    }

    @Test
    void hexHelpers() {
        assertEquals("XrY7u+Ae7tCTyyK7j1rNww==", Hex.hexToBase64(HELLO_MD5));
        assertEquals(HELLO_MD5, Hex.base64ToHex("XrY7u+Ae7tCTyyK7j1rNww=="));
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("zz"));
    }

    @Test
    void aHostCheckedBodyIsCountedButNotHashedAgain() throws IOException {
        PutOptions prehashed = PutOptions.builder().expectedSha256(HELLO_SHA256).expectedMd5(HELLO_MD5).prehashed(true).build();
        // other bytes of the same length: the stream does not notice, the host's Content-MD5 check does
        byte[] other = "HELLO WORLD".getBytes(StandardCharsets.UTF_8);
        VerifyingInputStream v = VerifyingInputStream.hostChecked(new ByteArrayInputStream(other), other.length, MAX, prehashed);
        assertTrue(v.isHostChecked());
        v.finish();
        assertEquals(HELLO_SHA256, v.sha256Hex());
        assertEquals(HELLO_MD5, v.checksums().get(ChecksumAlgorithm.MD5).hex());
        // the length is still checked
        VerifyingInputStream shorter = VerifyingInputStream.hostChecked(new ByteArrayInputStream(HELLO), HELLO.length + 1, MAX, prehashed);
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(StorageException.class, shorter::finish).kind());
        VerifyingInputStream longer = VerifyingInputStream.hostChecked(new ByteArrayInputStream(HELLO), HELLO.length - 1, MAX, prehashed);
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(StorageException.class, longer::finish).kind());
        assertFalse(VerifyingInputStream.forPut(new ByteArrayInputStream(HELLO), HELLO.length, MAX, prehashed).isHostChecked());
    }

    @Test
    void onlyAPrehashedBodyWithBothChecksumsIsHostChecked() {
        PutOptions shaOnly = PutOptions.builder().expectedSha256(HELLO_SHA256).prehashed(true).build();
        assertFalse(shaOnly.prehashed(), "prehashed needs both checksums");
        assertThrows(IllegalArgumentException.class,
                () -> VerifyingInputStream.hostChecked(new ByteArrayInputStream(HELLO), HELLO.length, MAX, shaOnly));
        PutOptions both = PutOptions.builder().expectedSha256(HELLO_SHA256).expectedMd5(HELLO_MD5).prehashed(true).build();
        assertThrows(IllegalArgumentException.class,
                () -> VerifyingInputStream.hostChecked(new ByteArrayInputStream(HELLO), -1, MAX, both), "a known length only");
        assertTrue(both.toBuilder().build().prehashed());
    }
}
