package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ByteRange;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the encryption decorator promises, against a real host: the host never sees the plaintext
 * or its metadata; reads are exact (also ranges across chunks, fetching only those chunks); any
 * tampering with the stored bytes is INTEGRITY; KEK problems are clear; rewrap works.
 * Subclasses supply the host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EncryptionBehaviourTest {
    static final int C = EnvelopeFormat.CHUNK_SIZE;
    static final String PATTERN = "PATIENT-0042|DIAGNOSIS:CONFIDENTIAL|";
    /** The logical bucket the objects of {@link #enc} are bound to. */
    static final String BUCKET = "vault";

    final byte[] k1 = random32();
    final KeyRing ring = new KeyRing("k1", Map.of("k1", k1));
    RecordingStore raw;
    EncryptingBlobStore enc;
    String container;

    /** @return the host store (not encrypted); created once */
    protected abstract BlobStore createRawStore() throws Exception;

    /** Asserts the pattern occurs nowhere in what the host keeps, beyond its API (e.g. files on disk). */
    protected void assertHostKeepsNo(byte[] pattern) throws IOException {
    }

    /** Stops what {@link #createRawStore} started. */
    protected void stopHost() throws Exception {
    }

    static byte[] random32() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @BeforeAll
    void start() throws Exception {
        raw = new RecordingStore(createRawStore());
        enc = new EncryptingBlobStore(raw, ring, true, BUCKET);
        container = "enc-" + UUID.randomUUID().toString().substring(0, 8);
        raw.createContainer(container, CallContext.system());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            for (ObjectInfo o : raw.list(container, ListRequest.all()).objects().toList()) {
                raw.delete(container, o.key(), CallContext.system());
            }
            raw.deleteContainer(container, CallContext.system());
            raw.close();
        } finally {
            stopHost();
        }
    }

    static byte[] patterned(int size) {
        byte[] p = PATTERN.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = p[i % p.length];
        }
        return out;
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] readAll(ObjectContent c) {
        try (c) {
            return c.stream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    ObjectInfo put(BlobStore store, String key, byte[] data) {
        return store.put(container, key, new ByteArrayInputStream(data), data.length, PutOptions.defaults());
    }

    byte[] rawBytes(String key) {
        return readAll(raw.get(container, key, GetOptions.defaults()));
    }

    /** Rewrites the stored object through the host's API, keeping its envelope metadata. */
    void tamper(String key, UnaryOperator<byte[]> change) {
        ObjectInfo h = raw.head(container, key, GetOptions.defaults());
        byte[] b = change.apply(rawBytes(key));
        raw.put(container, key, new ByteArrayInputStream(b), b.length,
                PutOptions.builder().contentType(h.contentType()).userMetadata(h.userMetadata()).build());
    }

    static void integrity(Executable e) {
        StorageException x = assertThrows(StorageException.class, e);
        assertEquals(ErrorKind.INTEGRITY, x.kind(), x.getMessage());
    }

    @Test
    void hostSeesNeitherPlaintextNorMetadataAndReadsBackIdentically() throws IOException {
        byte[] plain = patterned(5 * C / 2 + 7);
        PutOptions o = PutOptions.builder().contentType("text/x-patient-record")
                .userMetadata(Map.of("diagnosis", "CONFIDENTIAL-DIAGNOSIS")).build();
        ObjectInfo put = enc.put(container, "records/p42.txt", new ByteArrayInputStream(plain), plain.length, o);
        assertEquals(plain.length, put.size());
        assertEquals(sha256(plain), put.passerelleSha256().orElseThrow());

        byte[] stored = rawBytes("records/p42.txt");
        assertEquals(EnvelopeFormat.ciphertextLength(plain.length), stored.length);
        assertFalse(contains(stored, PATTERN.getBytes(StandardCharsets.US_ASCII)), "plaintext pattern found in the stored bytes");
        assertFalse(contains(stored, "CONFIDENTIAL-DIAGNOSIS".getBytes(StandardCharsets.US_ASCII)));
        ObjectInfo host = raw.head(container, "records/p42.txt", GetOptions.defaults());
        assertEquals(java.util.Set.of(Envelope.META_FORMAT, Envelope.META_KEK, Envelope.META_WRAPPED_KEY), host.userMetadata().keySet());
        assertEquals(Envelope.HOST_CONTENT_TYPE, host.contentType());
        assertFalse(host.userMetadata().containsValue(sha256(plain)));
        assertFalse(host.toString().contains(sha256(plain)), "the host must not hold the plaintext hash");
        assertHostKeepsNo(PATTERN.getBytes(StandardCharsets.US_ASCII));
        assertHostKeepsNo("CONFIDENTIAL-DIAGNOSIS".getBytes(StandardCharsets.US_ASCII));
        assertHostKeepsNo(sha256(plain).getBytes(StandardCharsets.US_ASCII));

        ObjectContent back = enc.get(container, "records/p42.txt", GetOptions.defaults());
        assertEquals("text/x-patient-record", back.info().contentType());
        assertEquals(Map.of("diagnosis", "CONFIDENTIAL-DIAGNOSIS"), back.info().userMetadata());
        assertEquals(sha256(plain), back.info().passerelleSha256().orElseThrow());
        assertEquals(sha256(plain), sha256(readAll(back)));
        ObjectInfo listed = enc.list(container, ListRequest.prefix("records/")).objects().findFirst().orElseThrow();
        assertEquals(plain.length, listed.size());
    }

    @Test
    void rangesAcrossChunkBoundariesFetchOnlyTheNeededChunks() {
        byte[] plain = randomBytes(3 * C + 123, 3);
        put(enc, "ranged", plain);
        long[][] ranges = {{C - 5, C + 5}, {0, 0}, {2L * C - 1, 2L * C}, {C, 2L * C - 1}, {5, 3L * C + 122}, {3L * C, 3L * C + 122}, {3L * C + 100, 1L << 40}};
        for (long[] r : ranges) {
            raw.clear();
            byte[] got = readAll(enc.get(container, "ranged", GetOptions.defaults().withRange(ByteRange.of(r[0], r[1]))));
            int last = (int) Math.min(r[1], plain.length - 1);
            assertArrayEquals(Arrays.copyOfRange(plain, (int) r[0], last + 1), got, "range " + r[0] + "-" + r[1]);
            long chunks = last / C - r[0] / C + 1;
            long expected = EnvelopeFormat.HEADER_CIPHER_LENGTH + chunks * EnvelopeFormat.CIPHER_CHUNK_SIZE;
            assertTrue(raw.bytesServed <= expected, "read " + raw.bytesServed + " stored bytes for " + chunks + " chunks: " + raw.ranges);
        }
        assertArrayEquals(Arrays.copyOfRange(plain, plain.length - 100, plain.length),
                readAll(enc.get(container, "ranged", GetOptions.defaults().withRange(ByteRange.suffix(100)))));
        StorageException e = assertThrows(StorageException.class,
                () -> enc.get(container, "ranged", GetOptions.defaults().withRange(ByteRange.from(plain.length))));
        assertEquals(ErrorKind.INVALID_RANGE, e.kind());
    }

    @Test
    void flippingOneStoredByteAnywhereIsIntegrity() {
        byte[] plain = randomBytes(2 * C + 10, 5);
        long[] positions = {3, EnvelopeFormat.PREAMBLE_LENGTH + 10, EnvelopeFormat.chunkOffset(1) + 500,
                EnvelopeFormat.chunkOffset(2) + 25, EnvelopeFormat.ciphertextLength(plain.length) - 100};
        for (long pos : positions) {
            put(enc, "flip", plain);
            tamper("flip", b -> {
                b[(int) pos] ^= 0x01;
                return b;
            });
            if (pos >= EnvelopeFormat.headerOffset(plain.length)) {
                integrity(() -> enc.head(container, "flip", GetOptions.defaults()));
            } else {
                integrity(() -> readAll(enc.get(container, "flip", GetOptions.defaults())));
            }
        }
        // a flipped chunk does not spoil the others: ranges in intact chunks still read
        put(enc, "flip", plain);
        tamper("flip", b -> {
            b[(int) EnvelopeFormat.chunkOffset(2) + 3] ^= 0x40;
            return b;
        });
        assertArrayEquals(Arrays.copyOfRange(plain, 0, 100), readAll(enc.get(container, "flip", GetOptions.defaults().withRange(ByteRange.of(0, 99)))));
        integrity(() -> readAll(enc.get(container, "flip", GetOptions.defaults().withRange(ByteRange.of(2L * C, 2L * C + 1)))));
    }

    @Test
    void truncatedOrExtendedObjectsAreIntegrity() {
        byte[] plain = randomBytes(2 * C + 10, 6);
        int[] cuts = {1, 17, EnvelopeFormat.HEADER_CIPHER_LENGTH, EnvelopeFormat.CIPHER_CHUNK_SIZE};
        for (int cut : cuts) {
            put(enc, "cut", plain);
            tamper("cut", b -> Arrays.copyOf(b, b.length - cut));
            integrity(() -> readAll(enc.get(container, "cut", GetOptions.defaults())));
        }
        put(enc, "cut", plain);
        tamper("cut", b -> Arrays.copyOf(b, b.length + 16));
        integrity(() -> enc.head(container, "cut", GetOptions.defaults()));
        // an empty object still has an authenticated final chunk: drop it and the header check fails
        put(enc, "empty", new byte[0]);
        assertEquals(0, readAll(enc.get(container, "empty", GetOptions.defaults())).length);
        tamper("empty", b -> {
            byte[] out = new byte[b.length - EnvelopeFormat.TAG_LENGTH];
            System.arraycopy(b, 0, out, 0, EnvelopeFormat.PREAMBLE_LENGTH);
            System.arraycopy(b, EnvelopeFormat.PREAMBLE_LENGTH + EnvelopeFormat.TAG_LENGTH, out, EnvelopeFormat.PREAMBLE_LENGTH, EnvelopeFormat.HEADER_CIPHER_LENGTH);
            return out;
        });
        integrity(() -> enc.get(container, "empty", GetOptions.defaults()));
    }

    @Test
    void requiredEncryptionRefusesAnObjectWhoseEnvelopeWasStripped() {
        byte[] plain = randomBytes(1000, 11);
        put(raw, "stripped", plain);
        integrity(() -> enc.get(container, "stripped", GetOptions.defaults()));
        integrity(() -> enc.head(container, "stripped", GetOptions.defaults()));
        put(raw, "stripped-empty", new byte[0]);
        integrity(() -> enc.get(container, "stripped-empty", GetOptions.defaults()));
        EncryptingBlobStore transitional = new EncryptingBlobStore(raw, ring, false, BUCKET);
        assertArrayEquals(plain, readAll(transitional.get(container, "stripped", GetOptions.defaults())));
        assertEquals(0, transitional.head(container, "stripped-empty", GetOptions.defaults()).size());
    }

    @Test
    void missingOrWrongKekGivesAClearError() {
        put(enc, "kek", patterned(100));
        EncryptingBlobStore other = new EncryptingBlobStore(raw, new KeyRing("k2", Map.of("k2", random32())), true, BUCKET);
        StorageException missing = assertThrows(StorageException.class, () -> other.get(container, "kek", GetOptions.defaults()));
        assertEquals("kek_missing", missing.code());
        assertTrue(missing.getMessage().contains("KEK 'k1'"), missing.getMessage());
        EncryptingBlobStore wrong = new EncryptingBlobStore(raw, new KeyRing("k1", Map.of("k1", random32())), true, BUCKET);
        StorageException bad = assertThrows(StorageException.class, () -> wrong.get(container, "kek", GetOptions.defaults()));
        assertEquals(ErrorKind.INTEGRITY, bad.kind());
        assertTrue(bad.getMessage().contains("KEK 'k1'"), bad.getMessage());
    }

    @Test
    void rewrapMovesEveryDataKeyToTheNewKekWithoutReencrypting() {
        String sub = "rw-" + UUID.randomUUID().toString().substring(0, 8);
        raw.createContainer(sub, CallContext.system());
        Map<String, byte[]> objects = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            byte[] b = randomBytes(i == 0 ? 0 : i * 40_000, i);
            objects.put("o" + i, b);
            enc.put(sub, "o" + i, new ByteArrayInputStream(b), -1, PutOptions.defaults());
        }
        raw.put(sub, "plain", new ByteArrayInputStream(new byte[] {1, 2}), 2, PutOptions.defaults());
        byte[] storedBefore = readAll(raw.get(sub, "o3", GetOptions.defaults()));
        byte[] k2 = random32();
        KeyRing both = new KeyRing("k2", Map.of("k1", k1, "k2", k2));
        Rewrapper rewrapper = new Rewrapper(raw, both, BUCKET);
        RewrapResult first = rewrapper.rewrap(sub, key -> { });
        assertEquals(5, first.rewrapped(), first.summary());
        assertEquals(1, first.notEncrypted());
        assertTrue(first.complete());
        RewrapResult again = rewrapper.rewrap(sub, key -> { });
        assertEquals(0, again.rewrapped());
        assertEquals(5, again.alreadyCurrent(), again.summary());

        byte[] storedAfter = readAll(raw.get(sub, "o3", GetOptions.defaults()));
        assertArrayEquals(storedBefore, storedAfter, "rewrap must not re-encrypt the content");
        EncryptingBlobStore onlyNew = new EncryptingBlobStore(raw, new KeyRing("k2", Map.of("k2", k2)), true, BUCKET);
        objects.forEach((k, v) -> assertArrayEquals(v, readAll(onlyNew.get(sub, k, GetOptions.defaults())), k));
        assertEquals("k2", raw.head(sub, "o1", GetOptions.defaults()).userMetadata().get(Envelope.META_KEK));

        RewrapResult withoutOld = new Rewrapper(raw, new KeyRing("k3", Map.of("k3", random32())), BUCKET).rewrap(sub, key -> { });
        assertEquals(5, withoutOld.failed().size());
        assertTrue(withoutOld.failed().get("o1").contains("'k2'"), withoutOld.failed().toString());
        for (String k : objects.keySet()) {
            raw.delete(sub, k, CallContext.system());
        }
        raw.delete(sub, "plain", CallContext.system());
        raw.deleteContainer(sub, CallContext.system());
    }

    @Test
    void largeUploadsEncryptedAheadStillFailCleanly() {
        byte[] plain = randomBytes(3 << 20, 12);
        ObjectInfo first = put(enc, "ahead", plain);
        byte[] other = randomBytes(2 << 20, 13);
        StorageException mismatch = assertThrows(StorageException.class, () -> enc.put(container, "ahead", new ByteArrayInputStream(other), -1,
                PutOptions.builder().expectedSha256(sha256(plain)).build()));
        assertEquals(ErrorKind.CHECKSUM_MISMATCH, mismatch.kind(), mismatch.getMessage());
        StorageException shortBody = assertThrows(StorageException.class, () -> enc.put(container, "ahead", new ByteArrayInputStream(other),
                other.length + 1, PutOptions.defaults()));
        assertEquals(ErrorKind.INVALID_ARGUMENT, shortBody.kind(), shortBody.getMessage());
        java.io.InputStream failing = new java.io.InputStream() {
            private int left = 5 << 20;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("client went away");
                }
                return 7;
            }
        };
        assertThrows(RuntimeException.class, () -> enc.put(container, "ahead", failing, -1, PutOptions.defaults()));
        ObjectContent c = enc.get(container, "ahead", GetOptions.defaults());
        assertEquals(first.etag(), c.info().etag());
        assertEquals(sha256(plain), sha256(readAll(c)));
    }

    @Test
    void conditionalReadsUseTheHostEtagAndChecksumMismatchStoresNothing() {
        byte[] plain = randomBytes(C + 1, 9);
        ObjectInfo info = put(enc, "cond", plain);
        String etag = info.etag();
        assertEquals(ErrorKind.NOT_MODIFIED, assertThrows(StorageException.class,
                () -> enc.get(container, "cond", GetOptions.defaults().withConditions(new Conditions(null, etag, null, null)))).kind());
        assertEquals(ErrorKind.PRECONDITION_FAILED, assertThrows(StorageException.class,
                () -> enc.head(container, "cond", GetOptions.defaults().withConditions(Conditions.ifMatch("nope")))).kind());
        assertArrayEquals(plain, readAll(enc.get(container, "cond", GetOptions.defaults().withConditions(Conditions.ifMatch(etag)))));

        StorageException e = assertThrows(StorageException.class, () -> enc.put(container, "cond", new ByteArrayInputStream(new byte[10]), 10,
                PutOptions.builder().expectedSha256(sha256(new byte[11])).build()));
        assertEquals(ErrorKind.CHECKSUM_MISMATCH, e.kind(), e.getMessage());
        assertArrayEquals(plain, readAll(enc.get(container, "cond", GetOptions.defaults())));
        assertEquals(etag, enc.head(container, "cond", GetOptions.defaults()).etag());
    }
}
