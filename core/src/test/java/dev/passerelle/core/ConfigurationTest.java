package dev.passerelle.core;

import dev.passerelle.api.spi.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of core's configuration, without starting backends. */
class ConfigurationTest {
    @TempDir
    Path tmp;

    private CoreSettings parse(Map<String, String> props) {
        return CoreSettings.parse(PropertySnapshot.read(TestConfigs.of(tmp, props)));
    }

    @Test
    void noConfigurationMeansOneFilesystemBackendNamedLocalAtData() {
        CoreSettings s = CoreSettings.parse(new TreeMap<>());
        assertEquals(Set.of("local"), s.backends.keySet());
        CoreSettings.BackendSpec local = s.backends.get("local");
        assertEquals("filesystem", local.type());
        assertEquals("./data", local.settings().require("root"));
        assertEquals("local", s.defaultBackend);
        assertEquals(Path.of("state").toAbsolutePath().normalize(), s.stateDir);
        assertEquals("UNKNOWN", local.jurisdiction());
        assertEquals(Duration.ofSeconds(60), local.timeout());
        assertTrue(s.buckets.isEmpty());
    }

    @Test
    void readsBackendsBucketsAndCommonKeys() {
        CoreSettings s = parse(Map.ofEntries(
                Map.entry("passerelle.backends.cellar.type", "fake"),
                Map.entry("passerelle.backends.cellar.endpoint", "https://cellar.example"),
                Map.entry("passerelle.backends.cellar.jurisdiction", "fr"),
                Map.entry("passerelle.backends.cellar.certifications", "HDS, SecNumCloud,,"),
                Map.entry("passerelle.backends.cellar.timeout", "2500ms"),
                Map.entry("passerelle.backends.cellar.retry-max-attempts", "5"),
                Map.entry("passerelle.backends.disk.type", "FAKE"),
                Map.entry("passerelle.backends.disk.endpoint", "x"),
                Map.entry("passerelle.default-backend", "disk"),
                Map.entry("passerelle.buckets.patients.backend", "cellar"),
                Map.entry("passerelle.buckets.patients.container", "hdh-patients-2026"),
                Map.entry("passerelle.buckets.patients.read-only", "TRUE"),
                Map.entry("passerelle.buckets.patients.classification", "health"),
                Map.entry("passerelle.buckets.patients.encryption", "required"),
                Map.entry("passerelle.buckets.archive.container", "old-archive")));
        assertEquals(Set.of("cellar", "disk"), s.backends.keySet());
        CoreSettings.BackendSpec cellar = s.backends.get("cellar");
        assertEquals("fake", cellar.type());
        assertEquals("FR", cellar.jurisdiction());
        assertEquals(Set.of("HDS", "SecNumCloud"), cellar.certifications());
        assertEquals(Duration.ofMillis(2500), cellar.timeout());
        assertEquals(5, cellar.retry().maxAttempts());
        assertEquals("https://cellar.example", cellar.settings().require("endpoint"));
        assertEquals("fake", s.backends.get("disk").type(), "type is case-insensitive");
        assertEquals("disk", s.defaultBackend);

        BucketConfig patients = s.buckets.get("patients");
        assertEquals("cellar", patients.backend());
        assertEquals("hdh-patients-2026", patients.container());
        assertTrue(patients.readOnly());
        assertEquals(Map.of("classification", "health", "encryption", "required"), patients.settings());
        assertEquals("passerelle.buckets.patients.encryption", patients.fullKey("encryption"));

        BucketConfig archive = s.buckets.get("archive");
        assertEquals("disk", archive.backend(), "no route: the default backend");
        assertEquals("old-archive", archive.container());
        assertFalse(archive.readOnly());
    }

    @Test
    void keysOwnedByOtherPartsAreTolerated() {
        CoreSettings s = parse(Map.of(
                "passerelle.auth.tokens.ci.secret", "s3cr3t",
                "passerelle.auth.anonymous-read-buckets", "public",
                "passerelle.max-object-size", "5TiB",
                "passerelle.upload-buffer-budget", "256MiB",
                "passerelle.keys.current", "k1",
                "passerelle.policy.health.allowed-jurisdictions", "FR,EU",
                "passerelle.audit.file", "/tmp/audit"));
        assertEquals(Set.of("local"), s.backends.keySet());
    }

    @Test
    void expressionsAndProfilesAreResolvedByTheApplicationConfig() {
        CoreSettings s = parse(Map.of(
                "base", "https://host.example",
                "passerelle.backends.a.type", "fake",
                "passerelle.backends.a.endpoint", "${base}/store",
                "smallrye.config.profile", "prod",
                "%prod.passerelle.backends.a.jurisdiction", "de",
                "%dev.passerelle.backends.a.certifications", "ONLY-IN-DEV"));
        assertEquals("https://host.example/store", s.backends.get("a").settings().require("endpoint"));
        assertEquals("DE", s.backends.get("a").jurisdiction());
        assertTrue(s.backends.get("a").certifications().isEmpty());
    }

    @Test
    void environmentVariablesNameBackendsAndBuckets() {
        Map<String, String> env = Map.of(
                "PASSERELLE_BACKENDS_MY_DISK_TYPE", "fake",
                "PASSERELLE_BACKENDS_MY_DISK_ENDPOINT", "mem://a",
                "PASSERELLE_BACKENDS_MY_DISK_ACCOUNT_KEY_FILE", "/run/secrets/key",
                "PASSERELLE_BACKENDS_CELLAR_JURISDICTION", "fr",
                "PASSERELLE_DEFAULT_BACKEND", "my-disk",
                "PASSERELLE_BUCKETS_PATIENTS_DATA_BACKEND", "cellar",
                "PASSERELLE_BUCKETS_PATIENTS_DATA_READ_ONLY", "true",
                "PASSERELLE_STATE_DIR", tmp.resolve("st").toString());
        Map<String, String> props = Map.of(
                "passerelle.backends.cellar.type", "fake",
                "passerelle.backends.cellar.endpoint", "mem://c",
                "passerelle.backends.cellar.jurisdiction", "us");
        CoreSettings s = CoreSettings.parse(PropertySnapshot.read(TestConfigs.withEnv(props, env)));
        assertEquals(Set.of("cellar", "my-disk"), s.backends.keySet());
        assertEquals("mem://a", s.backends.get("my-disk").settings().require("endpoint"));
        assertEquals("/run/secrets/key", s.backends.get("my-disk").settings().require("account-key-file"));
        assertEquals("FR", s.backends.get("cellar").jurisdiction(), "the environment overrides properties");
        assertEquals("my-disk", s.defaultBackend);
        assertEquals("cellar", s.buckets.get("patients-data").backend());
        assertTrue(s.buckets.get("patients-data").readOnly());
        assertEquals(tmp.resolve("st").toAbsolutePath(), s.stateDir);
    }

    @Test
    void anEnvironmentVariableOverridesTheOnlyPropertyOfADashedName() {
        Map<String, String> props = Map.of(
                "passerelle.backends.my-disk.type", "fake",
                "passerelle.backends.my-disk.endpoint", "from-properties",
                "passerelle.buckets.read-me.container", "from-properties");
        Map<String, String> env = Map.of(
                "PASSERELLE_BACKENDS_MY_DISK_ENDPOINT", "from-env",
                "PASSERELLE_BUCKETS_READ_ME_CONTAINER", "from-env",
                "PASSERELLE_STATE_DIR", tmp.resolve("st").toString());
        CoreSettings s = CoreSettings.parse(PropertySnapshot.read(TestConfigs.withEnv(props, env)));
        assertEquals(Set.of("my-disk"), s.backends.keySet());
        assertEquals("from-env", s.backends.get("my-disk").settings().require("endpoint"));
        assertEquals(Set.of("read-me"), s.buckets.keySet());
        assertEquals("from-env", s.buckets.get("read-me").container());
    }

    @Test
    void aSingleConfiguredBackendIsTheDefault() {
        CoreSettings s = parse(Map.of("passerelle.backends.only.type", "fake"));
        assertEquals("only", s.defaultBackend);
    }

    @Test
    void stateDirMayBeOutsideEveryRoot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("data"));
        CoreSettings s = parse(Map.of("passerelle.backends.a.type", "fake", "passerelle.backends.a.root", root.toString(),
                "passerelle.state-dir", tmp.resolve("data-state").toString()));
        PathChecks.check(s.stateDir, s.backends.values());
        assertTrue(s.stateDir.endsWith("data-state"));
    }

    @Test
    void noSecretValueAppearsInAConfigError() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> parse(Map.of(
                "passerelle.backends.a.type", "fake",
                "passerelle.backends.a.secret-key", "TOPSECRET",
                "passerelle.backends.a.timeout", "never")));
        assertFalse(e.getMessage().contains("TOPSECRET"));
        assertEquals("passerelle.backends.a.timeout", e.key());
    }
}
