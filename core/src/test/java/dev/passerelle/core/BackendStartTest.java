package dev.passerelle.core;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.spi.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Passerelle.BackendStart#onFirstUse}: only the backends a caller uses are built. */
class BackendStartTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void clear() {
        FakeProvider.STORES.clear();
    }

    private static Map<String, String> config() {
        Map<String, String> m = new HashMap<>();
        for (String name : List.of("a", "b", "broken")) {
            m.put("passerelle.backends." + name + ".type", "fake");
            m.put("passerelle.backends." + name + ".endpoint", "mem://" + name);
        }
        m.put("passerelle.backends.broken.fail-start", "true");
        m.put("passerelle.default-backend", "a");
        m.put("passerelle.buckets.archive.backend", "b");
        return m;
    }

    private Passerelle onFirstUse(Map<String, String> props, String... now) {
        return Passerelle.create(TestConfigs.of(tmp, props), dev.passerelle.core.decorators.StoreMetrics.NONE, Passerelle.BackendStart.onFirstUse(List.of(now)));
    }

    @Test
    void nothingStartsUntilUsedAndOnlyWhatIsUsed() {
        try (Passerelle p = onFirstUse(config())) {
            assertEquals(List.of("a", "b", "broken"), List.copyOf(p.backendNames()));
            assertTrue(FakeProvider.STORES.isEmpty(), "started: " + FakeProvider.STORES.keySet());

            // deciding a placement and finding a route need no client
            p.decide("archive", "b");
            assertEquals("archive", p.bucketAt("b", "archive").orElseThrow());
            assertTrue(FakeProvider.STORES.isEmpty(), "started: " + FakeProvider.STORES.keySet());

            assertSame(p.backend("a"), p.backend("a"), "started once");
            assertEquals(List.of("a"), List.copyOf(FakeProvider.STORES.keySet()));

            // a configured bucket brings its backend up with it
            p.bucket("archive").store().createContainer("archive", CallContext.of("test"));
            assertTrue(FakeProvider.STORES.containsKey("b"));
            assertFalse(FakeProvider.STORES.containsKey("broken"));
        }
        assertTrue(FakeProvider.STORES.get("a").closed);
        assertTrue(FakeProvider.STORES.get("b").closed);
    }

    @Test
    void aBackendThatFailsToStartFailsOnlyTheCallThatNeedsIt() {
        try (Passerelle p = onFirstUse(config())) {
            p.backend("a");
            ConfigException e = assertThrows(ConfigException.class, () -> p.backend("broken"));
            assertEquals("passerelle.backends.broken", e.key());
            assertTrue(e.getMessage().contains("backend failed to start"), e.getMessage());
            // the others keep working
            p.backend("a").store().createContainer("still-fine", CallContext.of("test"));
        }
    }

    @Test
    void theBackendsNamedUpFrontStartAtCreateAndTheirFailureFailsItBeforeTheStateDirExists() {
        try (Passerelle p = onFirstUse(config(), "b", "not-configured")) {
            assertEquals(List.of("b"), List.copyOf(FakeProvider.STORES.keySet()));
            p.backend("a");
        }
        Path state = tmp.resolve("fresh").resolve("state");
        Map<String, String> m = config();
        m.put("passerelle.state-dir", state.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> onFirstUse(m, "a", "broken").close());
        assertEquals("passerelle.backends.broken", e.key());
        assertTrue(FakeProvider.STORES.get("a").closed, "the started ones are closed");
        assertFalse(java.nio.file.Files.exists(state), "nothing written");
    }

    @Test
    void allAtOnceStillFailsAtCreate() {
        assertThrows(ConfigException.class, () -> Passerelle.create(TestConfigs.of(tmp, config())).close());
        assertTrue(FakeProvider.STORES.get("a").closed, "the started ones are closed");
    }

    @Test
    void typesAreStillCheckedAtCreate() {
        Map<String, String> m = config();
        m.put("passerelle.backends.b.type", "nosuch");
        ConfigException e = assertThrows(ConfigException.class, () -> onFirstUse(m).close());
        assertEquals("passerelle.backends.b.type", e.key());
    }
}
