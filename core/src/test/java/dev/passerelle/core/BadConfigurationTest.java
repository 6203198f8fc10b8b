package dev.passerelle.core;

import dev.passerelle.api.spi.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad configuration stops start-up with ONE line that starts with the key at fault. */
class BadConfigurationTest {
    @TempDir
    Path tmp;

    private ConfigException startFails(String expectedKey, String expectedProblem, Map<String, String> props) {
        ConfigException e = assertThrows(ConfigException.class, () -> Passerelle.create(TestConfigs.of(tmp, props)).close());
        assertEquals(expectedKey, e.key());
        assertTrue(e.getMessage().startsWith(expectedKey + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedProblem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private static Map<String, String> fake(String name, String... more) {
        Map<String, String> m = new HashMap<>();
        m.put("passerelle.backends." + name + ".type", "fake");
        m.put("passerelle.backends." + name + ".endpoint", "mem://" + name);
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void unknownType() {
        startFails("passerelle.backends.x.type", "unknown backend type 'nosuch' (available: ",
                Map.of("passerelle.backends.x.type", "nosuch"));
    }

    @Test
    void missingType() {
        startFails("passerelle.backends.x.type", "missing setting", Map.of("passerelle.backends.x.endpoint", "mem://x"));
    }

    @Test
    void missingProviderSetting() {
        startFails("passerelle.backends.x.endpoint", "missing setting", Map.of("passerelle.backends.x.type", "fake"));
    }

    @Test
    void routeToUnknownBackend() {
        startFails("passerelle.buckets.patients.backend", "unknown backend 'cellar'",
                fake("disk", "passerelle.buckets.patients.backend", "cellar"));
    }

    @Test
    void defaultBackendUnknown() {
        startFails("passerelle.default-backend", "unknown backend 'nope'", fake("disk", "passerelle.default-backend", "nope"));
    }

    @Test
    void severalBackendsWithoutDefault() {
        Map<String, String> m = fake("a");
        m.putAll(fake("b"));
        startFails("passerelle.default-backend", "missing setting", m);
    }

    /** The migration tool's choice: every location names its backend, so no default is demanded. */
    @Test
    void severalBackendsWithoutDefaultWhenTheCallerDoesNotNeedOne() {
        Map<String, String> m = fake("a");
        m.putAll(fake("b"));
        m.put("passerelle.buckets.routed.backend", "b");
        try (Passerelle p = Passerelle.create(TestConfigs.of(tmp, m), dev.passerelle.core.decorators.StoreMetrics.NONE, Passerelle.BackendStart.ALL_AT_ONCE,
                Passerelle.DefaultBackend.OPTIONAL)) {
            assertTrue(p.defaultBackend().isEmpty());
            assertEquals("b", p.bucket("routed").backend());
            dev.passerelle.api.StorageException e = assertThrows(dev.passerelle.api.StorageException.class, () -> p.bucket("elsewhere"));
            assertEquals("unrouted_bucket", e.code());
        }
        m.put("passerelle.buckets.lost.classification", "health");
        ConfigException e = assertThrows(ConfigException.class, () -> Passerelle.create(TestConfigs.of(tmp, m), dev.passerelle.core.decorators.StoreMetrics.NONE,
                Passerelle.BackendStart.ALL_AT_ONCE, Passerelle.DefaultBackend.OPTIONAL).close());
        assertEquals("passerelle.buckets.lost.backend", e.key());
    }

    @Test
    void rootThatIsAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        startFails("passerelle.backends.disk.root", "not a readable directory", fake("disk", "passerelle.backends.disk.root", file.toString()));
    }

    @Test
    void unreadableRoot() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("locked"));
        assertTrue(dir.toFile().setReadable(false, false));
        try {
            if (Files.isReadable(dir)) {
                return; // running as a user who reads everything (root): the check cannot be exercised here
            }
            startFails("passerelle.backends.disk.root", "not a readable directory", fake("disk", "passerelle.backends.disk.root", dir.toString()));
        } finally {
            dir.toFile().setReadable(true, false);
        }
    }

    @Test
    void stateDirInsideABackendRoot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("data"));
        startFails("passerelle.state-dir", "must not be inside the root of backend disk",
                fake("disk", "passerelle.backends.disk.root", root.toString(), "passerelle.state-dir", root.resolve("state").toString()));
        assertFalse(Files.exists(root.resolve("state")), "nothing created when start-up fails");
    }

    @Test
    void stateDirEqualToARootThroughRelativeSegments() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("data"));
        startFails("passerelle.state-dir", "must not be inside",
                fake("disk", "passerelle.backends.disk.root", root.toString(), "passerelle.state-dir", tmp.resolve("x/../data").toString()));
    }

    @Test
    void stateDirThatCannotBeCreated() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        startFails("passerelle.state-dir", "cannot create directory", fake("disk", "passerelle.state-dir", file.resolve("state").toString()));
    }

    @Test
    void backendThatFailsToStart() {
        startFails("passerelle.backends.disk", "backend failed to start", fake("disk", "passerelle.backends.disk.fail-start", "true"));
    }

    @Test
    void badTimeout() {
        startFails("passerelle.backends.disk.timeout", "expected a duration", fake("disk", "passerelle.backends.disk.timeout", "soon"));
        startFails("passerelle.backends.disk.timeout", "positive", fake("disk", "passerelle.backends.disk.timeout", "0s"));
    }

    @Test
    void unknownKeysAreRefusedByTheDeclarations() {
        startFails("passerelle.backends.disk.endpiont", "unknown setting (did you mean endpoint?)",
                fake("disk", "passerelle.backends.disk.endpiont", "mem://x"));
        startFails("passerelle.backends.disk.part-size", "unknown setting",
                fake("disk", "passerelle.backends.disk.part-size", "8M"));
        startFails("passerelle.buckets.logs.read-olny", "unknown setting (did you mean read-only?)",
                fake("disk", "passerelle.buckets.logs.read-olny", "true"));
        startFails("passerelle.buckets.logs.encryption", "expected one of none, required, got 'maybe'",
                fake("disk", "passerelle.buckets.logs.encryption", "maybe"));
    }

    @Test
    void badRetrySettings() {
        startFails("passerelle.backends.disk.retry-max-attempts", "between 1 and 100",
                fake("disk", "passerelle.backends.disk.retry-max-attempts", "0"));
        startFails("passerelle.buckets.logs.retry-max-attempts", "expected a whole number, got 'many'",
                fake("disk", "passerelle.buckets.logs.retry-max-attempts", "many"));
        startFails("passerelle.buckets.logs.retry-max-attempts", "between 1 and 100",
                fake("disk", "passerelle.buckets.logs.retry-max-attempts", "101"));
        startFails("passerelle.backends.disk.retry-max-backoff", "must not be shorter",
                fake("disk", "passerelle.backends.disk.retry-initial-backoff", "5s", "passerelle.backends.disk.retry-max-backoff", "1s"));
    }

    @Test
    void badMaxConcurrentCalls() {
        startFails("passerelle.backends.disk.max-concurrent-calls", "between 1 and 10000",
                fake("disk", "passerelle.backends.disk.max-concurrent-calls", "0"));
    }

    @Test
    void badReadOnlyValue() {
        startFails("passerelle.buckets.logs.read-only", "expected true or false", fake("disk", "passerelle.buckets.logs.read-only", "maybe"));
    }

    @Test
    void invalidBucketAndContainerNames() {
        startFails("passerelle.buckets.Bad_Name", "invalid bucket name", fake("disk", "passerelle.buckets.Bad_Name.backend", "disk"));
        startFails("passerelle.buckets.logs.container", "invalid container name", fake("disk", "passerelle.buckets.logs.container", "a--b"));
    }

    @Test
    void twoBucketsOnOneContainer() {
        startFails("passerelle.buckets.two.container", "is already the container of bucket one",
                fake("disk", "passerelle.buckets.one.container", "shared", "passerelle.buckets.two.container", "shared"));
        startFails("passerelle.buckets.two.container", "is already the container of bucket one",
                fake("disk", "passerelle.buckets.one.read-only", "true", "passerelle.buckets.two.container", "one"));
    }

    @Test
    void invalidBackendName() {
        startFails("passerelle.backends.b@d", "invalid backend name", fake("b@d"));
    }

    @Test
    void unresolvableExpression() {
        startFails("passerelle.backends.disk.endpoint", "cannot be resolved",
                Map.of("passerelle.backends.disk.type", "fake", "passerelle.backends.disk.endpoint", "${missing.property}/x"));
    }

    @Test
    void backendsStartedBeforeAFailureAreClosed() {
        FakeProvider.STORES.clear();
        Map<String, String> m = fake("a1", "passerelle.default-backend", "a1");
        m.putAll(fake("z9", "passerelle.backends.z9.fail-start", "true"));
        startFails("passerelle.backends.z9", "backend failed to start", m);
        assertTrue(FakeProvider.STORES.get("a1").closed);
    }
}
