package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.sovereign.FsStores;
import dev.passerelle.sovereign.audit.AuditLog;
import dev.passerelle.sovereign.audit.AuditingBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Envelope version 2 binds each object to its logical bucket and key, on a real filesystem host:
 * objects swapped or copied at the host (through its own API, so the host's own bookkeeping is
 * consistent and only the envelope can tell) fail authentication; the same bucket on another
 * container (a migration) still reads; version-1 objects read, are audited as unbound, and
 * {@link Rewrapper} upgrades them.
 */
class EnvelopeBindingTest {
    @TempDir
    Path dir;
    final byte[] k1 = EncryptionBehaviourTest.random32();
    final KeyRing ring = new KeyRing("k1", Map.of("k1", k1));
    BlobStore raw;
    EncryptingBlobStore vault;

    @BeforeEach
    void start() {
        raw = FsStores.at(dir.resolve("data"));
        for (String c : List.of("vault", "vault-2", "moved")) {
            raw.createContainer(c, CallContext.system());
        }
        vault = new EncryptingBlobStore(raw, ring, true, "vault");
    }

    @AfterEach
    void stop() throws Exception {
        raw.close();
    }

    private static ObjectInfo put(BlobStore s, String container, String key, String text, String type) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return s.put(container, key, new ByteArrayInputStream(b), b.length,
                PutOptions.builder().contentType(type).userMetadata(Map.of("patient", key)).build());
    }

    private static String read(BlobStore s, String container, String key) {
        try (ObjectContent c = s.get(container, key, GetOptions.defaults())) {
            return new String(c.stream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites {@code to} at the host with the stored bytes and host metadata of {@code from}. */
    private void hostCopy(String fromContainer, String from, String toContainer, String to) {
        ObjectInfo h = raw.head(fromContainer, from, GetOptions.defaults());
        byte[] b;
        try (ObjectContent c = raw.get(fromContainer, from, GetOptions.defaults())) {
            b = c.stream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        raw.put(toContainer, to, new ByteArrayInputStream(b), b.length,
                PutOptions.builder().contentType(h.contentType()).userMetadata(h.userMetadata()).build());
    }

    private static void integrity(org.junit.jupiter.api.function.Executable e, String... fragments) {
        StorageException x = assertThrows(StorageException.class, e);
        assertEquals(ErrorKind.INTEGRITY, x.kind(), x.getMessage());
        for (String f : fragments) {
            assertTrue(x.getMessage().contains(f), x.getMessage());
        }
    }

    @Test
    void twoObjectsSwappedAtTheHostAreIntegrityFailures() {
        put(vault, "vault", "patient-a.txt", "record of patient A", "text/plain");
        put(vault, "vault", "patient-b.bin", "record of patient B", "application/x-b");
        hostCopy("vault", "patient-a.txt", "vault", "swap");
        hostCopy("vault", "patient-b.bin", "vault", "patient-a.txt");
        hostCopy("vault", "swap", "vault", "patient-b.bin");
        assertEquals("2", raw.head("vault", "patient-a.txt", GetOptions.defaults()).userMetadata().get(Envelope.META_FORMAT));
        integrity(() -> read(vault, "vault", "patient-a.txt"), "does not unwrap under KEK 'k1' for vault/patient-a.txt");
        integrity(() -> vault.head("vault", "patient-b.bin", GetOptions.defaults()), "for vault/patient-b.bin");
    }

    @Test
    void aCopyIntoAnotherBucketFailsButTheSameBucketOnAnotherContainerReads() {
        put(vault, "vault", "scan.txt", "scan of patient A", "text/plain");
        hostCopy("vault", "scan.txt", "vault-2", "scan.txt");
        EncryptingBlobStore vault2 = new EncryptingBlobStore(raw, ring, true, "vault-2");
        integrity(() -> read(vault2, "vault-2", "scan.txt"), "for vault-2/scan.txt");
        // the host's own server-side copy is caught the same way
        raw.copy("vault", "scan.txt", "vault-2", "scan-copy.txt", CopyOptions.defaults());
        integrity(() -> read(vault2, "vault-2", "scan-copy.txt"));
        integrity(() -> read(vault, "vault-2", "scan-copy.txt"), "for vault/scan-copy.txt");
        // bucket "vault" moved to another container (or host): still readable, it is the same bucket and key
        raw.copy("vault", "scan.txt", "moved", "scan.txt", CopyOptions.defaults());
        assertEquals("scan of patient A", read(vault, "moved", "scan.txt"));
        StorageException copy = assertThrows(StorageException.class,
                () -> vault.copy("vault", "scan.txt", "vault", "scan-2.txt", CopyOptions.defaults()));
        assertEquals(ErrorKind.UNSUPPORTED, copy.kind());
        assertFalse(vault.capabilities().serverSideCopy());
    }

    @Test
    void aVersionOneObjectReadsIsAuditedUnboundAndRewrapUpgradesIt() throws Exception {
        byte[] plain = EncryptionBehaviourTest.randomBytes(3 * EnvelopeFormat.CHUNK_SIZE + 11, 21);
        LegacyEnvelopeV1.put(raw, "vault", "old/scan.bin", "k1", k1, plain, "image/x-scan", Map.of("patient", "a"));
        put(vault, "vault", "new.txt", "written today", "text/plain");
        byte[] auditKey = new byte[32];
        new SecureRandom().nextBytes(auditKey);
        Path auditFile = dir.resolve("state/audit.jsonl");
        try (AuditLog log = AuditLog.open(auditFile, auditKey, "test-1")) {
            BlobStore audited = new AuditingBlobStore(vault, log, "local");
            try (ObjectContent c = audited.get("vault", "old/scan.bin", GetOptions.defaults())) {
                assertArrayEquals(plain, c.stream().readAllBytes());
                assertEquals("image/x-scan", c.info().contentType());
                assertEquals(Map.of("patient", "a"), c.info().userMetadata());
            }
            assertEquals(plain.length, audited.head("vault", "old/scan.bin", GetOptions.defaults()).size());
            assertEquals("written today", read(audited, "vault", "new.txt"));
        }
        List<String> all = Files.readAllLines(auditFile);
        assertTrue(all.get(0).contains("\"op\":\"chain-start\""), all.get(0));
        List<String> lines = all.subList(1, all.size());
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"op\":\"get\"") && lines.get(0).contains("\"result\":\"ok\",\"client\":null,\"unbound\":true"), lines.get(0));
        assertTrue(lines.get(1).contains("\"op\":\"head\"") && lines.get(1).contains("\"unbound\":true"), lines.get(1));
        assertFalse(lines.get(2).contains("unbound"), "a version-2 object is bound: " + lines.get(2));

        String etagBefore = raw.head("vault", "old/scan.bin", GetOptions.defaults()).etag();
        Rewrapper rewrapper = new Rewrapper(raw, ring, "vault");
        RewrapResult r = rewrapper.rewrap("vault", key -> { });
        assertEquals(1, r.upgraded(), r.summary());
        assertEquals(1, r.alreadyCurrent(), r.summary());
        assertTrue(r.complete(), r.summary());
        ObjectInfo host = raw.head("vault", "old/scan.bin", GetOptions.defaults());
        assertEquals("2", host.userMetadata().get(Envelope.META_FORMAT));
        assertFalse(host.etag().equals(etagBefore));
        try (ObjectContent c = vault.get("vault", "old/scan.bin", GetOptions.defaults())) {
            assertArrayEquals(plain, c.stream().readAllBytes());
            assertEquals("image/x-scan", c.info().contentType());
            assertEquals(Map.of("patient", "a"), c.info().userMetadata());
        }
        assertEquals(0, rewrapper.rewrap("vault", key -> { }).upgraded(), "a rerun has nothing left to upgrade");
        // now bound: the same host-side move that went unnoticed in version 1 is caught
        hostCopy("vault", "old/scan.bin", "vault", "new.txt");
        integrity(() -> read(vault, "vault", "new.txt"));
    }

    @Test
    void aVersionOneObjectMovedAtTheHostIsNotDetectedByTheEnvelope() {
        // why version 2 exists (and why version-1 reads are flagged): version 1 binds nothing
        LegacyEnvelopeV1.put(raw, "vault", "a", "k1", k1, "A".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        hostCopy("vault", "a", "vault-2", "b");
        assertEquals("A", read(new EncryptingBlobStore(raw, ring, true, "vault-2"), "vault-2", "b"));
    }
}
