package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.VerifyingInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The envelope format on its own: lengths, round trips at chunk boundaries, and tampering of the raw bytes. */
class EnvelopeStreamTest {
    private static final int C = EnvelopeFormat.CHUNK_SIZE;

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static final EnvelopeBinding HERE = new EnvelopeBinding("vault", "patient-a.txt");

    private static byte[] seal(byte[] key, byte[] plain, long declared) throws IOException {
        return seal(key, plain, declared, HERE);
    }

    private static byte[] seal(byte[] key, byte[] plain, long declared, EnvelopeBinding binding) throws IOException {
        VerifyingInputStream v = new VerifyingInputStream(new ByteArrayInputStream(plain), declared, Long.MAX_VALUE, null, null);
        return new EncryptingInputStream(v, new ChunkCipher(key, EnvelopeFormat.VERSION, binding), "text/plain", Map.of("a", "b")).readAllBytes();
    }

    private static byte[] open(byte[] key, byte[] sealed) throws IOException {
        return open(key, sealed, EnvelopeFormat.VERSION, HERE);
    }

    private static byte[] open(byte[] key, byte[] sealed, int version, EnvelopeBinding binding) throws IOException {
        long size = EnvelopeFormat.plaintextLength(sealed.length);
        ChunkCipher cipher = new ChunkCipher(key, version, binding);
        EnvelopeHeader h = Envelope.readHeader(new ByteArrayInputStream(sealed, sealed.length - EnvelopeFormat.HEADER_CIPHER_LENGTH,
                EnvelopeFormat.HEADER_CIPHER_LENGTH), cipher, sealed.length);
        assertEquals(size, h.size());
        byte[] body = Arrays.copyOf(sealed, sealed.length - EnvelopeFormat.HEADER_CIPHER_LENGTH);
        return new DecryptingInputStream(new ByteArrayInputStream(body), cipher, size, true, 0, EnvelopeFormat.chunkCount(size), 0, size).readAllBytes();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, C - 1, C, C + 1, 2 * C, 3 * C + 17})
    void roundTripsAtChunkBoundariesWithKnownAndUnknownLength(int n) throws IOException {
        byte[] key = ChunkCipher.newDataKey();
        byte[] plain = data(n);
        byte[] sealed = seal(key, plain, n);
        assertEquals(EnvelopeFormat.ciphertextLength(n), sealed.length);
        assertTrue(EnvelopeFormat.isValidCiphertextLength(sealed.length));
        assertEquals(n, EnvelopeFormat.plaintextLength(sealed.length));
        assertArrayEquals(plain, open(key, sealed));
        assertArrayEquals(plain, open(key, seal(key.clone(), plain, -1)));
    }

    @Test
    void lengthsBetweenEnvelopesAreRejected() {
        long zero = EnvelopeFormat.ciphertextLength(0);
        assertFalse(EnvelopeFormat.isValidCiphertextLength(zero - 1));
        long twoChunks = EnvelopeFormat.ciphertextLength(2L * C);
        assertEquals(EnvelopeFormat.ciphertextLength(2L * C + 1), twoChunks + 17);
        for (long l = twoChunks + 1; l < twoChunks + 17; l++) {
            assertFalse(EnvelopeFormat.isValidCiphertextLength(l), "length " + l);
        }
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        byte[] key = ChunkCipher.newDataKey();
        byte[] plain = data(C + 100);
        byte[] sealed = seal(key, plain, plain.length);
        Random r = new Random(7);
        for (int i = 0; i < 40; i++) {
            byte[] bad = sealed.clone();
            bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
            StorageException e = assertThrows(StorageException.class, () -> open(key, bad));
            assertEquals(ErrorKind.INTEGRITY, e.kind());
        }
    }

    @Test
    void reorderedChunksAndSplicedChunksFail() throws IOException {
        byte[] key = ChunkCipher.newDataKey();
        byte[] sealed = seal(key, data(3 * C), 3L * C);
        byte[] swapped = sealed.clone();
        int a = (int) EnvelopeFormat.chunkOffset(0);
        int b = (int) EnvelopeFormat.chunkOffset(1);
        System.arraycopy(sealed, b, swapped, a, EnvelopeFormat.CIPHER_CHUNK_SIZE);
        System.arraycopy(sealed, a, swapped, b, EnvelopeFormat.CIPHER_CHUNK_SIZE);
        assertEquals(ErrorKind.INTEGRITY, assertThrows(StorageException.class, () -> open(key, swapped)).kind());

        byte[] otherKeySealed = seal(ChunkCipher.newDataKey(), data(3 * C), 3L * C);
        byte[] spliced = sealed.clone();
        System.arraycopy(otherKeySealed, b, spliced, b, EnvelopeFormat.CIPHER_CHUNK_SIZE);
        assertEquals(ErrorKind.INTEGRITY, assertThrows(StorageException.class, () -> open(key, spliced)).kind());
    }

    @Test
    void droppingTheLastChunkFailsEvenWithAMatchingHeaderLength() throws IOException {
        byte[] key = ChunkCipher.newDataKey();
        byte[] sealed = seal(key, data(2 * C), 2L * C);
        // remove chunk 1 but keep the header: the length now says "one chunk", the header says two
        byte[] cut = new byte[sealed.length - EnvelopeFormat.CIPHER_CHUNK_SIZE];
        int c1 = (int) EnvelopeFormat.chunkOffset(1);
        System.arraycopy(sealed, 0, cut, 0, c1);
        System.arraycopy(sealed, c1 + EnvelopeFormat.CIPHER_CHUNK_SIZE, cut, c1, sealed.length - c1 - EnvelopeFormat.CIPHER_CHUNK_SIZE);
        assertEquals(ErrorKind.INTEGRITY, assertThrows(StorageException.class, () -> open(key, cut)).kind());
        // and decrypting chunk 0 alone as the final chunk fails: it was not sealed as final
        ChunkCipher cipher = new ChunkCipher(key, EnvelopeFormat.VERSION, HERE);
        byte[] chunk0 = Arrays.copyOfRange(sealed, EnvelopeFormat.PREAMBLE_LENGTH, EnvelopeFormat.PREAMBLE_LENGTH + EnvelopeFormat.CIPHER_CHUNK_SIZE);
        assertThrows(StorageException.class, () -> new DecryptingInputStream(new ByteArrayInputStream(chunk0), cipher, C, false, 0, 1, 0, C).readAllBytes());
    }

    @Test
    void emptyObjectHasAnAuthenticatedFinalChunk() throws IOException {
        byte[] key = ChunkCipher.newDataKey();
        byte[] sealed = seal(key, new byte[0], 0);
        assertEquals(EnvelopeFormat.PREAMBLE_LENGTH + EnvelopeFormat.TAG_LENGTH + EnvelopeFormat.HEADER_CIPHER_LENGTH, sealed.length);
        byte[] bad = sealed.clone();
        bad[EnvelopeFormat.PREAMBLE_LENGTH + 3] ^= 1;
        assertEquals(ErrorKind.INTEGRITY, assertThrows(StorageException.class, () -> open(key, bad)).kind());
    }

    @Test
    void headerRejectsOversizedMetadataAndRoundTripsFields() {
        EnvelopeHeader h = new EnvelopeHeader(5, "ab".repeat(32), "cd".repeat(16), "text/plain; charset=utf-8", Map.of("x", "é😀", "y", ""));
        assertEquals(h, EnvelopeHeader.decode(h.encode(), EnvelopeFormat.VERSION));
        EnvelopeHeader big = new EnvelopeHeader(5, "ab".repeat(32), "cd".repeat(16), "x".repeat(4000), Map.of("k", "v".repeat(100)));
        assertEquals("encrypted_header_too_large", assertThrows(StorageException.class, big::encode).code());
    }

    @Test
    void theSameCiphertextUnderAnotherBucketOrKeyFailsItsHeaderAndEveryChunk() throws IOException {
        byte[] key = ChunkCipher.newDataKey();
        byte[] plain = data(2 * C + 5);
        byte[] sealed = seal(key, plain, plain.length);
        assertArrayEquals(plain, open(key, sealed, EnvelopeFormat.VERSION, new EnvelopeBinding("vault", "patient-a.txt")));
        for (EnvelopeBinding elsewhere : new EnvelopeBinding[] {new EnvelopeBinding("vault", "patient-b.bin"),
                new EnvelopeBinding("vault-2", "patient-a.txt"), new EnvelopeBinding("vaul", "tpatient-a.txt")}) {
            StorageException e = assertThrows(StorageException.class, () -> open(key, sealed, EnvelopeFormat.VERSION, elsewhere));
            assertEquals(ErrorKind.INTEGRITY, e.kind(), elsewhere.toString());
            assertTrue(e.getMessage().contains("the encrypted header failed authentication"), e.getMessage());
            // every chunk, not only the header, carries the binding in its AAD
            ChunkCipher other = new ChunkCipher(key, EnvelopeFormat.VERSION, elsewhere);
            for (long i = 0; i < EnvelopeFormat.chunkCount(plain.length); i++) {
                int from = (int) EnvelopeFormat.chunkOffset(i);
                int len = EnvelopeFormat.plainChunkLength(i, plain.length) + EnvelopeFormat.TAG_LENGTH;
                byte[] in = Arrays.copyOfRange(sealed, from, from + len);
                boolean last = i == EnvelopeFormat.chunkCount(plain.length) - 1;
                long index = i;
                StorageException chunk = assertThrows(StorageException.class,
                        () -> other.decrypt(EnvelopeFormat.DOMAIN_DATA, index, last, in, in.length, new byte[C]), "chunk " + i);
                assertEquals(ErrorKind.INTEGRITY, chunk.kind());
            }
        }
    }

    @Test
    void aChunkOfTheSameDataKeyBoundElsewhereFailsWhenSplicedIn() throws IOException {
        // the worst case for the AAD: same data key, same index, same plaintext, only the binding differs
        byte[] key = ChunkCipher.newDataKey();
        byte[] plain = data(3 * C);
        byte[] a = seal(key, plain, plain.length, HERE);
        byte[] b = seal(key.clone(), plain, plain.length, new EnvelopeBinding("vault", "patient-b.bin"));
        int c1 = (int) EnvelopeFormat.chunkOffset(1);
        int tag = c1 + EnvelopeFormat.CIPHER_CHUNK_SIZE - EnvelopeFormat.TAG_LENGTH;
        assertArrayEquals(Arrays.copyOfRange(a, c1, tag), Arrays.copyOfRange(b, c1, tag), "same key, nonce and plaintext: same ciphertext");
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, tag, tag + 16), Arrays.copyOfRange(b, tag, tag + 16)),
                "only the tag differs: it authenticates the binding");
        byte[] spliced = a.clone();
        System.arraycopy(b, c1, spliced, c1, EnvelopeFormat.CIPHER_CHUNK_SIZE);
        StorageException e = assertThrows(StorageException.class, () -> open(key, spliced));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains("chunk 1"), e.getMessage());
    }

    @Test
    void theWrappedDataKeyUnwrapsOnlyForItsBucketAndKey() {
        byte[] kek = data(32);
        KeyRing ring = new KeyRing("k1", Map.of("k1", kek));
        byte[] dek = ChunkCipher.newDataKey();
        byte[] wrapped = ring.wrap("k1", dek, HERE);
        assertArrayEquals(dek, ring.unwrap("k1", wrapped, new EnvelopeBinding("vault", "patient-a.txt")));
        for (EnvelopeBinding elsewhere : new EnvelopeBinding[] {new EnvelopeBinding("vault", "patient-b.bin"),
                new EnvelopeBinding("other", "patient-a.txt")}) {
            StorageException e = assertThrows(StorageException.class, () -> ring.unwrap("k1", wrapped, elsewhere));
            assertEquals(ErrorKind.INTEGRITY, e.kind());
            assertTrue(e.getMessage().contains("does not unwrap under KEK 'k1' for " + elsewhere), e.getMessage());
        }
        // nor as an unbound (version 1) key: relabelling an object "version 1" at the host does not strip the binding
        assertEquals(ErrorKind.INTEGRITY, assertThrows(StorageException.class, () -> ring.unwrapUnbound("k1", wrapped)).kind());
        // and a version-1 preamble or header does not open under a version-2 cipher, nor the reverse
        assertEquals(ErrorKind.INTEGRITY, assertThrows(StorageException.class,
                () -> open(dek, seal(dek.clone(), data(10), 10), EnvelopeFormat.UNBOUND_VERSION, HERE)).kind());
    }

    @Test
    void aVersionOneEnvelopeStillOpens() throws Exception {
        byte[] key = ChunkCipher.newDataKey();
        byte[] plain = data(C + 3);
        byte[] legacy = LegacyEnvelopeV1.seal(key, plain, "text/plain", Map.of());
        assertArrayEquals(EnvelopeFormat.preamble(EnvelopeFormat.UNBOUND_VERSION), Arrays.copyOf(legacy, EnvelopeFormat.PREAMBLE_LENGTH));
        assertArrayEquals(plain, open(key, legacy, EnvelopeFormat.UNBOUND_VERSION, new EnvelopeBinding("any", "where")));
        assertEquals(ErrorKind.INTEGRITY, assertThrows(StorageException.class, () -> open(key, legacy)).kind());
    }
}
