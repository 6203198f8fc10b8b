package dev.passerelle.migrate.it;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import dev.passerelle.migrate.Hashing;
import dev.passerelle.sovereign.crypto.LegacyEnvelopeV1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key rotation through the real CLI: objects written under KEK k1 through an encrypted bucket,
 * {@code rewrap} after k2 became current, then read back with k1 gone. Reruns skip what is done;
 * a missing or wrong KEK is named. An object of envelope version 1 (unbound) is upgraded.
 */
class RewrapIT {
    static final String KEK = "passerelle-kek";

    @TempDir
    Path tmp;
    Fixture f;
    final Map<String, byte[]> objects = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        f = new Fixture(tmp).filesystem("local")
                .set("passerelle.buckets.vault.encryption", "required")
                .set("passerelle.keys.current", "k1");
        f.set("passerelle.keys.k1.file", f.secret("k1.key", Fixture.random(32, 1)).toString());
        f.set("passerelle.keys.k2.file", f.secret("k2.key", Fixture.random(32, 2)).toString());
        f.set("passerelle.audit.key-file", f.secret("audit.key", Fixture.random(48, 3)).toString());
        f.write();
        objects.put("empty", new byte[0]);
        objects.put("small.txt", "bonjour".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        objects.put("scans/large.bin", Fixture.random(200_000, 4)); // several 64 KiB chunks
        objects.put("unicodé/日本語", Fixture.random(70_000, 5));
        BlobStore vault = f.passerelle().bucket("vault").store();
        vault.createContainer("vault", CallContext.system());
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            vault.put("vault", e.getKey(), new ByteArrayInputStream(e.getValue()), e.getValue().length,
                    PutOptions.builder().contentType("text/plain").userMetadata(Map.of("owner", "Besançon")).build());
        }
        f.put("local", "vault", "legacy-plain", new byte[] {1, 2, 3}); // written around the encryption: left alone
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void rewrapMovesEveryObjectToTheNewKekWithoutReencryptingAndResumes() throws Exception {
        Map<String, String> ciphertext = rawHashes();
        kekIs("k1");
        f.set("passerelle.keys.current", "k2").write();

        Cli.Result r = Cli.run(tmp, f.args("rewrap", "--bucket", "local:vault"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("examined 5, rewrapped 4, upgraded 0, already current 0, not encrypted 1, failed 0"), r.toString());
        kekIs("k2");
        assertEquals(ciphertext, rawHashes(), "the content is not re-encrypted: only the wrapped data keys change");

        Cli.Result again = Cli.run(tmp, f.args("rewrap", "--bucket", "vault", "--json"));
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("\"rewrapped\":0,\"upgraded\":0,\"alreadyCurrent\":4,\"notEncrypted\":1,\"failed\":{}"), again.toString());

        f.unset("passerelle.keys.k1.file").write(); // k1 is gone: only k2 remains
        BlobStore vault = f.passerelle().bucket("vault").store();
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            try (ObjectContent c = vault.get("vault", e.getKey(), GetOptions.defaults())) {
                assertArrayEquals(e.getValue(), c.stream().readAllBytes(), e.getKey());
                assertEquals("Besançon", c.info().userMetadata().get("owner"), e.getKey());
            }
        }
    }

    @Test
    void anUnboundVersionOneObjectIsReadableAndRewrapUpgradesItToABoundOne() throws Exception {
        byte[] plain = Fixture.random(150_000, 7);
        LegacyEnvelopeV1.put(f.store("local"), "vault", "legacy/v1.bin", "k1", Fixture.random(32, 1), plain, "image/x-scan",
                Map.of("owner", "Besançon"));
        assertEquals("1", f.head("local", "vault", "legacy/v1.bin").userMetadata().get("passerelle-enc"));
        assertArrayEquals(plain, readVault("legacy/v1.bin"), "version 1 stays readable");

        Cli.Result r = Cli.run(tmp, f.args("rewrap", "--bucket", "vault"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("examined 6, rewrapped 0, upgraded 1, already current 4, not encrypted 1, failed 0"), r.toString());
        assertEquals("2", f.head("local", "vault", "legacy/v1.bin").userMetadata().get("passerelle-enc"));
        assertArrayEquals(plain, readVault("legacy/v1.bin"));
        try (ObjectContent c = f.passerelle().bucket("vault").store().get("vault", "legacy/v1.bin", GetOptions.defaults())) {
            assertEquals("image/x-scan", c.info().contentType());
            assertEquals("Besançon", c.info().userMetadata().get("owner"));
        }
        Cli.Result again = Cli.run(tmp, f.args("rewrap", "--bucket", "local:vault", "--json"));
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("\"rewrapped\":0,\"upgraded\":0,\"alreadyCurrent\":5,"), again.toString());

        // now bound to vault/legacy/v1.bin: the host putting it under another key no longer passes
        ObjectInfo host = f.head("local", "vault", "legacy/v1.bin");
        f.put("local", "vault", "small.txt", f.get("local", "vault", "legacy/v1.bin"), host.contentType(), host.userMetadata());
        StorageException e = assertThrows(StorageException.class, () -> readVault("small.txt"));
        assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
    }

    private byte[] readVault(String key) throws IOException {
        try (ObjectContent c = f.passerelle().bucket("vault").store().get("vault", key, GetOptions.defaults())) {
            return c.stream().readAllBytes();
        }
    }

    @Test
    void aMissingOldKekIsNamedAndTheRunIsIncomplete() throws Exception {
        f.set("passerelle.keys.current", "k2").unset("passerelle.keys.k1.file").write();
        Cli.Result r = Cli.run(tmp, f.args("rewrap", "--bucket", "local:vault"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("failed 4") && r.err().contains("KEK 'k1'") && r.err().contains("not configured")
                && r.err().contains("NOT COMPLETE"), r.toString());
        kekIs("k1");

        // once k1 is configured again, the rerun completes
        f.set("passerelle.keys.k1.file", tmp.resolve("secrets/k1.key").toString()).write();
        Cli.Result fixed = Cli.run(tmp, f.args("rewrap", "--bucket", "local:vault"));
        assertEquals(0, fixed.exit(), fixed.toString());
        kekIs("k2");
    }

    @Test
    void aWrongOldKekIsNamed() throws Exception {
        f.set("passerelle.keys.current", "k2")
                .set("passerelle.keys.k1.file", f.secret("k1-wrong.key", Fixture.random(32, 99)).toString()).write();
        Cli.Result r = Cli.run(tmp, f.args("rewrap", "--bucket", "vault"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("does not unwrap under KEK 'k1'"), r.toString());
        kekIs("k1");
    }

    @Test
    void configurationProblemsStopBeforeAnyObject() throws Exception {
        f.set("passerelle.keys.current", "k2").set("passerelle.keys.k1.file", tmp.resolve("secrets/none.key").toString()).writeConfigOnly();
        oneLine(Cli.run(tmp, f.args("rewrap", "--bucket", "vault")), "passerelle.keys.k1.file");

        f.set("passerelle.keys.k1.file", tmp.resolve("secrets/k1.key").toString()).set("passerelle.buckets.vault.read-only", "true").write();
        oneLine(Cli.run(tmp, f.args("rewrap", "--bucket", "local:vault")), "read-only");

        f.unset("passerelle.buckets.vault.read-only").write();
        oneLine(Cli.run(tmp, f.args("rewrap", "--bucket", "nosuch:vault")), "unknown backend 'nosuch'");
        oneLine(Cli.run(tmp, f.args("rewrap", "--bucket", "local:vault/prefix")), "not a prefix");
        oneLine(Cli.run(tmp, f.args("rewrap", "--bucket", "local:absent")), "container 'absent' does not exist at local");
        kekIs("k1");
    }

    private static void oneLine(Cli.Result r, String expected) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
    }

    private void kekIs(String kek) {
        for (String k : objects.keySet()) {
            assertEquals(kek, f.head("local", "vault", k).userMetadata().get(KEK), k);
        }
    }

    private Map<String, String> rawHashes() throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String k : objects.keySet()) {
            m.put(k, Hex.encode(Hashing.sha256().digest(f.get("local", "vault", k))));
        }
        return m;
    }
}
