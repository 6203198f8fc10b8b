package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ByteRange;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.core.decorators.ReadOnlyBlobStore;
import dev.passerelle.core.decorators.RetryingBlobStore;
import dev.passerelle.sovereign.audit.AuditVerification;
import dev.passerelle.sovereign.audit.AuditVerifier;
import dev.passerelle.sovereign.audit.AuditingBlobStore;
import dev.passerelle.sovereign.crypto.EncryptingBlobStore;
import dev.passerelle.sovereign.policy.Placement;
import dev.passerelle.sovereign.policy.PolicyBlobStore;
import dev.passerelle.sovereign.policy.PolicyDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sovereign layers wired from configuration: chain order, encryption, residency policy at start-up, audit. */
class SovereignWiringTest {
    private static final List<Class<?>> LAYERS = List.of(AuditingBlobStore.class, PolicyBlobStore.class,
            ReadOnlyBlobStore.class, EncryptingBlobStore.class, RetryingBlobStore.class);

    @TempDir
    Path tmp;

    /** A French disk, a US disk, a KEK, an audit key and a health rule that allows the US only when encrypted. */
    private Map<String, String> base() throws IOException {
        Path kek = tmp.resolve("kek.key");
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        Files.write(kek, k);
        Path auditKey = tmp.resolve("audit.key");
        Files.writeString(auditKey, java.util.Base64.getEncoder().encodeToString(Arrays.copyOf(k, 48)));
        Map<String, String> m = new HashMap<>();
        m.put("passerelle.backends.fr.type", "filesystem");
        m.put("passerelle.backends.fr.root", tmp.resolve("fr").toString());
        m.put("passerelle.backends.fr.jurisdiction", "FR");
        m.put("passerelle.backends.fr.certifications", "HDS");
        m.put("passerelle.backends.us.type", "filesystem");
        m.put("passerelle.backends.us.root", tmp.resolve("us").toString());
        m.put("passerelle.backends.us.jurisdiction", "US");
        m.put("passerelle.backends.us.certifications", "HDS");
        m.put("passerelle.default-backend", "fr");
        m.put("passerelle.keys.k1.file", kek.toString());
        m.put("passerelle.audit.key-file", auditKey.toString());
        m.put("passerelle.policy.health.allowed-jurisdictions", "FR,EU");
        m.put("passerelle.policy.health.required-certifications", "HDS");
        m.put("passerelle.policy.health.unless-encrypted", "true");
        return m;
    }

    private Passerelle start(Map<String, String> props) {
        return Passerelle.create(TestConfigs.of(tmp, props));
    }

    private static List<Class<?>> layersOf(BlobStore store) {
        List<Class<?>> found = new ArrayList<>();
        for (BlobStore s = store; ; s = ((ForwardingBlobStore) s).delegate()) {
            if (LAYERS.contains(s.getClass())) {
                found.add(s.getClass());
            }
            if (!(s instanceof ForwardingBlobStore)) {
                return found;
            }
        }
    }

    @Test
    void configurationSwitchesLayersOnInTheFixedOrder() throws IOException {
        Map<String, String> p = base();
        p.put("passerelle.buckets.patients.classification", "health");
        p.put("passerelle.buckets.patients.encryption", "required");
        p.put("passerelle.buckets.patients.read-only", "true");
        p.put("passerelle.buckets.public-data.audit", "false");
        try (Passerelle passerelle = start(p)) {
            assertEquals(LAYERS, layersOf(passerelle.bucket("patients").store()));
            assertEquals(List.of(RetryingBlobStore.class), layersOf(passerelle.bucket("public-data").store()),
                    "no classification, no encryption, audit off: only retry");
            assertEquals(List.of(AuditingBlobStore.class, RetryingBlobStore.class), layersOf(passerelle.bucket("unconfigured").store()));
            assertEquals(List.of(RetryingBlobStore.class), layersOf(passerelle.storeBelowEncryption("patients")));
            assertTrue(passerelle.keys().isPresent());
            assertEquals(tmp.resolve("state").toAbsolutePath().normalize(), passerelle.auditSettings().orElseThrow().file().getParent().getParent());
        }
    }

    @Test
    void encryptedBucketStoresOnlyCiphertextAndReadsBackPlaintext() throws IOException {
        Map<String, String> p = base();
        p.put("passerelle.buckets.vault.encryption", "required");
        byte[] pattern = "PATIENT-0042 diagnosis: confidential;".getBytes(StandardCharsets.US_ASCII);
        byte[] plain = new byte[200_000];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = pattern[i % pattern.length];
        }
        CallContext ctx = CallContext.of("test");
        try (Passerelle passerelle = start(p)) {
            Bucket vault = passerelle.bucket("vault");
            vault.store().createContainer(vault.container(), ctx);
            vault.store().put(vault.container(), "record.txt", new ByteArrayInputStream(plain), plain.length, PutOptions.builder().context(ctx).build());
            List<Path> files;
            try (Stream<Path> s = Files.walk(tmp.resolve("fr"))) {
                files = s.filter(Files::isRegularFile).toList();
            }
            assertFalse(files.isEmpty());
            for (Path f : files) {
                assertFalse(contains(Files.readAllBytes(f), pattern), "plaintext found in the host file " + f);
            }
            try (ObjectContent c = vault.store().get(vault.container(), "record.txt", GetOptions.of(ctx))) {
                assertArrayEquals(plain, c.stream().readAllBytes());
            }
            ByteRange acrossChunks = ByteRange.of(65_536 - 10, 65_536 + 9);
            try (ObjectContent c = vault.store().get(vault.container(), "record.txt", new GetOptions(acrossChunks, dev.passerelle.api.Conditions.NONE, ctx))) {
                assertArrayEquals(Arrays.copyOfRange(plain, 65_526, 65_546), c.stream().readAllBytes());
            }
            Path stored = files.stream().filter(f -> {
                try {
                    return Files.size(f) > plain.length;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).findFirst().orElseThrow();
            byte[] raw = Files.readAllBytes(stored);
            raw[100_000] ^= 1;
            Files.write(stored, raw);
            StorageException e = assertThrows(StorageException.class, () -> {
                try (ObjectContent c = vault.store().get(vault.container(), "record.txt", GetOptions.of(ctx))) {
                    c.stream().readAllBytes();
                }
            });
            assertEquals(ErrorKind.INTEGRITY, e.kind());
        }
    }

    @Test
    void aHealthBucketOnAUsBackendWithoutEncryptionStopsStartUp() throws IOException {
        Map<String, String> p = base();
        p.put("passerelle.buckets.hdh.classification", "health");
        p.put("passerelle.buckets.hdh.backend", "us");
        ConfigException e = assertThrows(ConfigException.class, () -> start(p));
        assertEquals("passerelle.buckets.hdh.backend", e.key());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("'hdh'") && e.getMessage().contains("'us'")
                && e.getMessage().contains("passerelle.policy.health.allowed-jurisdictions"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("state/audit")), "nothing opened before the refusal");
    }

    @Test
    void aHealthBucketOnAUsBackendStartsWhenEncryptedAndExplainsWhy() throws IOException {
        Map<String, String> p = base();
        p.put("passerelle.buckets.hdh.classification", "health");
        p.put("passerelle.buckets.hdh.backend", "us");
        p.put("passerelle.buckets.hdh.encryption", "required");
        p.put("passerelle.buckets.plain-health.classification", "health");
        try (Passerelle passerelle = start(p)) {
            Placement placement = passerelle.placement("hdh");
            assertTrue(placement.allowed());
            assertEquals("us", placement.backend());
            assertEquals("US", placement.jurisdiction());
            assertEquals("required", placement.encryption());
            assertEquals("k1", placement.kekId());
            assertEquals("passerelle.policy.health.unless-encrypted", placement.rule());
            PolicyDecision toUs = passerelle.decide("plain-health", "us");
            assertFalse(toUs.allowed(), "a migration of an unencrypted health bucket to the US is refused: " + toUs.explanation());
            assertTrue(passerelle.decide("plain-health", "fr").allowed());
            assertEquals(java.util.Optional.of("hdh"), passerelle.bucketAt("us", "hdh"));
            assertEquals(java.util.Optional.of("loose"), passerelle.bucketAt("fr", "loose"));
            assertEquals(java.util.Optional.empty(), passerelle.bucketAt("us", "loose"));
            assertEquals("unknown_backend", assertThrows(StorageException.class, () -> passerelle.decide("hdh", "nowhere")).code());
        }
    }

    @Test
    void badSovereignSettingsStopStartUpWithOneLineNamingTheKey() throws IOException {
        Map<String, String> missingKek = base();
        missingKek.put("passerelle.keys.k1.file", tmp.resolve("no-such.key").toString());
        assertOneLine("passerelle.keys.k1.file", missingKek);

        Map<String, String> noRule = base();
        noRule.put("passerelle.buckets.misc.classification", "secret");
        assertOneLine("passerelle.buckets.misc.backend", noRule);

        Map<String, String> badEncryption = base();
        badEncryption.put("passerelle.buckets.vault.encryption", "maybe");
        assertOneLine("passerelle.buckets.vault.encryption", badEncryption);

        Map<String, String> badAudit = base();
        badAudit.put("passerelle.buckets.vault.audit", "sometimes");
        assertOneLine("passerelle.buckets.vault.audit", badAudit);

        Map<String, String> auditInData = base();
        auditInData.put("passerelle.audit.file", tmp.resolve("fr/audit.jsonl").toString());
        assertOneLine("passerelle.audit.file", auditInData);

        Map<String, String> noKeys = base();
        noKeys.remove("passerelle.keys.k1.file");
        noKeys.put("passerelle.buckets.vault.encryption", "required");
        assertOneLine("passerelle.buckets.vault.encryption", noKeys);
    }

    private void assertOneLine(String key, Map<String, String> props) {
        ConfigException e = assertThrows(ConfigException.class, () -> start(props));
        assertEquals(key, e.key(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void secretFilesOthersMayReadAreWarnedAboutByKey() throws IOException {
        Map<String, String> p = base();
        Files.setPosixFilePermissions(tmp.resolve("kek.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(tmp.resolve("audit.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(SovereignLayers.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(r.getMessage() == null || r.getParameters() == null ? String.valueOf(r.getMessage())
                            : String.format(r.getMessage(), r.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try (Passerelle passerelle = start(p)) {
            assertTrue(passerelle.auditHead().isPresent());
        } finally {
            jul.removeHandler(handler);
        }
        assertEquals(1, warnings.stream().filter(w -> w.contains("SECURITY")).count(), warnings.toString());
        assertTrue(warnings.get(0).contains("SECURITY: passerelle.keys.k1.file: " + tmp.resolve("kek.key") + " is readable beyond its owner, mode 0644"),
                warnings.toString());
    }

    @Test
    void everyDataAccessThroughABucketIsAuditedWithTheCallContext() throws IOException {
        Map<String, String> p = base();
        p.put("passerelle.buckets.quiet.audit", "false");
        CallContext alice = new CallContext("req-0001", "alice", "192.0.2.7");
        Path file;
        try (Passerelle passerelle = start(p)) {
            file = passerelle.auditSettings().orElseThrow().file();
            Bucket b = passerelle.bucket("records");
            b.store().createContainer(b.container(), alice);
            b.store().put(b.container(), "a.txt", new ByteArrayInputStream(new byte[1234]), 1234, PutOptions.builder().context(alice).build());
            try (ObjectContent c = b.store().get(b.container(), "a.txt", GetOptions.of(alice))) {
                c.stream().readAllBytes();
            }
            b.store().delete(b.container(), "a.txt", alice);
            Bucket quiet = passerelle.bucket("quiet");
            quiet.store().createContainer(quiet.container(), alice);
            passerelle.auditRefusal(alice, "get", "quiet", "q.txt", "forbidden", "not in the trail: the bucket is audit=false");
            passerelle.auditRefusal(alice, "get", "records", "b.txt", "forbidden", "token 'alice' may not use bucket 'records'");
            assertEquals(6, passerelle.auditHead().orElseThrow().lines());
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"op\":\"chain-start\""), lines.get(0));
        assertTrue(lines.get(5).contains("\"op\":\"get\",\"backend\":\"fr\",\"bucket\":\"records\",\"key\":\"b.txt\"")
                && lines.get(5).endsWith(",\"result\":\"forbidden\",\"client\":\"192.0.2.7\",\"reason\":\"token 'alice' may not use bucket 'records'\","
                + "\"mac\":\"" + lines.get(5).substring(lines.get(5).length() - 66, lines.get(5).length() - 2) + "\"}"), lines.get(5));
        lines = lines.subList(1, lines.size());
        for (String l : lines) {
            assertTrue(l.contains("\"request\":\"req-0001\"") && l.contains("\"caller\":\"alice\"") && l.contains("\"client\":\"192.0.2.7\"")
                    && l.contains("\"backend\":\"fr\"") && l.contains("\"bucket\":\"records\""), l);
        }
        assertTrue(lines.get(1).contains("\"op\":\"put\"") && lines.get(1).contains("\"bytes\":1234"), lines.get(1));
        assertTrue(lines.get(2).contains("\"op\":\"get\"") && lines.get(2).contains("\"result\":\"ok\""), lines.get(2));
        assertTrue(lines.get(3).contains("\"op\":\"delete\""), lines.get(3));
        byte[] key = java.util.Base64.getDecoder().decode(Files.readString(tmp.resolve("audit.key")).trim());
        AuditVerification v = new AuditVerifier(key).verify(file, null);
        assertTrue(v.ok(), v.summary());
    }

    @Test
    void closingReleasesTheAuditFileForTheNextInstance() throws IOException {
        Map<String, String> p = base();
        try (Passerelle first = start(p)) {
            ConfigException e = assertThrows(ConfigException.class, () -> start(p));
            assertEquals("passerelle.audit.file", e.key());
        }
        try (Passerelle again = start(p)) {
            assertTrue(again.auditSettings().isPresent());
        }
    }

    @Test
    void keysAndRulesCanComeFromEnvironmentVariables() throws IOException {
        Map<String, String> p = base();
        Map<String, String> env = Map.of(
                "PASSERELLE_KEYS_KEK_2026_FILE", p.remove("passerelle.keys.k1.file"),
                "PASSERELLE_KEYS_CURRENT", "kek-2026",
                "PASSERELLE_POLICY_HEALTH_UNLESS_ENCRYPTED", "false",
                "PASSERELLE_AUDIT_KEY_FILE", p.remove("passerelle.audit.key-file"));
        p.put("passerelle.state-dir", tmp.resolve("state").toString());
        p.put("passerelle.buckets.hdh.classification", "health");
        p.put("passerelle.buckets.hdh.encryption", "required");
        try (Passerelle passerelle = Passerelle.create(TestConfigs.withEnv(p, env))) {
            assertEquals("kek-2026", passerelle.keys().orElseThrow().currentId());
            assertTrue(passerelle.auditSettings().isPresent());
            assertFalse(passerelle.decide("hdh", "us").allowed(), "unless-encrypted=false from the environment");
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
