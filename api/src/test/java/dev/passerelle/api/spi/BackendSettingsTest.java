package dev.passerelle.api.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendSettingsTest {
    @TempDir
    Path tmp;

    private static BackendSettings of(String... kv) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new BackendSettings("cellar", m);
    }

    private static void fails(String key, Runnable r) {
        ConfigException e = assertThrows(ConfigException.class, r::run);
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void basics() {
        BackendSettings s = of("type", "s3", "endpoint", "  https://x  ", "blank", "  ");
        assertEquals("cellar", s.name());
        assertEquals("s3", s.type());
        assertEquals(Optional.of("https://x"), s.get("endpoint"));
        assertEquals(Optional.empty(), s.get("blank"));
        assertEquals("passerelle.backends.cellar.region", s.fullKey("region"));
        fails("passerelle.backends.cellar.region", () -> s.require("region"));
        fails("passerelle.backends.cellar.type", () -> of().type());
    }

    @Test
    void sizes() {
        assertEquals(8388608, BackendSettings.parseSize("k", "8388608"));
        assertEquals(8L << 20, BackendSettings.parseSize("k", "8MiB"));
        assertEquals(16L << 20, BackendSettings.parseSize("k", "16M"));
        assertEquals(16L << 20, BackendSettings.parseSize("k", "16 mb"));
        assertEquals(1L << 30, BackendSettings.parseSize("k", "1GiB"));
        assertEquals(5L << 40, BackendSettings.parseSize("k", "5TiB"));
        assertEquals(4L << 10, BackendSettings.parseSize("k", "4k"));
        assertEquals(12, BackendSettings.parseSize("k", "12B"));
        assertEquals(99, of("part-size", "99").getSize("part-size", 1));
        assertEquals(7, of().getSize("part-size", 7));
        fails("passerelle.backends.cellar.part-size", () -> of("part-size", "lots").getSize("part-size", 1));
        fails("passerelle.backends.cellar.part-size", () -> of("part-size", "-1M").getSize("part-size", 1));
        fails("k", () -> BackendSettings.parseSize("k", "99999999999T"));
    }

    @Test
    void oneSizeGrammarForEverySetting() {
        // what passerelle.max-object-size took (5P) is valid for a backend's max-object-size too
        assertEquals(5L << 50, of("max-object-size", "5P").getSize("max-object-size", 1));
        assertEquals(1L << 60, BackendSettings.parseSize("k", "1E"));
        assertEquals(5L << 40, BackendSettings.parseSize("k", "5T"));
        assertEquals(64L << 20, BackendSettings.parseSize("k", " 64 MiB "));
        assertEquals(3L << 10, BackendSettings.parseSize("k", "3kb"));
        fails("k", () -> BackendSettings.parseSize("k", "8E"));
        fails("k", () -> BackendSettings.parseSize("k", "12iB"));
        fails("k", () -> BackendSettings.parseSize("k", "1.5G"));
        fails("k", () -> BackendSettings.parseSize("k", "5X"));
        fails("k", () -> BackendSettings.parseSize("k", ""));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), BackendSettings.parseDuration("k", "500ms"));
        assertEquals(Duration.ofSeconds(30), BackendSettings.parseDuration("k", "30s"));
        assertEquals(Duration.ofMinutes(5), BackendSettings.parseDuration("k", "5m"));
        assertEquals(Duration.ofHours(1), BackendSettings.parseDuration("k", "1h"));
        assertEquals(Duration.ofSeconds(42), BackendSettings.parseDuration("k", "42"));
        assertEquals(Duration.ofSeconds(90), BackendSettings.parseDuration("k", "PT1M30S"));
        assertEquals(Duration.ofSeconds(90), BackendSettings.parseDuration("k", "pt1m30s"));
        assertEquals(BackendSettings.DEFAULT_TIMEOUT, of().timeout());
        assertEquals(Duration.ofSeconds(5), of("timeout", "5s").timeout());
        fails("passerelle.backends.cellar.timeout", () -> of("timeout", "soon").timeout());
        fails("k", () -> BackendSettings.parseDuration("k", "P1X"));
    }

    @Test
    void numbersAndBooleans() {
        assertEquals(3, of("n", "3").getInt("n", 1));
        assertEquals(1, of().getInt("n", 1));
        assertEquals(1L << 40, of("n", "1099511627776").getLong("n", 0));
        fails("passerelle.backends.cellar.n", () -> of("n", "3.5").getLong("n", 0));
        fails("passerelle.backends.cellar.n", () -> of("n", "3000000000").getInt("n", 0));
        fails("passerelle.backends.cellar.t", () -> of("t", "-5s").getDuration("t", java.time.Duration.ZERO));
        assertTrue(of("b", "YES").getBoolean("b", false));
        assertFalse(of("b", "off").getBoolean("b", true));
        assertTrue(of().getBoolean("b", true));
        fails("passerelle.backends.cellar.b", () -> of("b", "maybe").getBoolean("b", true));
    }

    @Test
    void secretsDirectOrFromAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("key"), "  s3cr3t-from-file\n");
        assertEquals(Optional.of("s3cr3t-from-file"), of("secret-key-file", file.toString()).secret("secret-key"));
        assertEquals(Optional.of("direct"), of("secret-key", "direct").secret("secret-key"));
        assertEquals(Optional.empty(), of().secret("secret-key"));
        assertEquals("direct", of("secret-key", "direct").requireSecret("secret-key"));
        fails("passerelle.backends.cellar.secret-key", () -> of().requireSecret("secret-key"));
        fails("passerelle.backends.cellar.secret-key", () -> of("secret-key", "a", "secret-key-file", file.toString()).secret("secret-key"));
    }

    @Test
    void anUnreadableSecretFileNamesTheFileKeyButNotTheSecret() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> of("secret-key-file", tmp.resolve("missing").toString()).secret("secret-key"));
        assertEquals("passerelle.backends.cellar.secret-key-file", e.key());
        assertTrue(e.getMessage().contains("cannot read secret file"));
    }

    @Test
    void valuesAreImmutableAndSorted() {
        BackendSettings s = of("b", "2", "a", "1");
        assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(s.values().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> s.values().put("c", "3"));
        assertEquals(Map.of("a", "1", "b", "2"), s.values());
    }
}
