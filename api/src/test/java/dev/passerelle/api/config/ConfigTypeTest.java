package dev.passerelle.api.config;

import dev.passerelle.api.spi.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTypeTest {

    @Test
    void oneDurationGrammar() {
        assertEquals(Duration.ofMillis(500), ConfigType.parseDuration("k", "500ms"));
        assertEquals(Duration.ofSeconds(30), ConfigType.parseDuration("k", "30s"));
        assertEquals(Duration.ofSeconds(30), ConfigType.parseDuration("k", "30"));
        assertEquals(Duration.ofMinutes(5), ConfigType.parseDuration("k", "5m"));
        assertEquals(Duration.ofMinutes(5), ConfigType.parseDuration("k", "5M"));
        assertEquals(Duration.ofHours(1), ConfigType.parseDuration("k", " 1h "));
        assertEquals(Duration.ofDays(2), ConfigType.parseDuration("k", "2d"));
        assertEquals(Duration.ofSeconds(30), ConfigType.parseDuration("k", "PT30S"));
        assertEquals(Duration.ofHours(26), ConfigType.parseDuration("k", "p1dt2h"));
        assertEquals(Duration.ZERO, ConfigType.parseDuration("k", "0"));
        for (String bad : List.of("soon", "-5s", "PT-5S", "5 minutes", "1.5s", "", "s", "5w", "99999999999999999999")) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigType.parseDuration("passerelle.x", bad), bad);
            assertTrue(e.getMessage().startsWith("passerelle.x: "), e.getMessage());
        }
    }

    @Test
    void sizesAndOthers() {
        assertEquals(16L << 20, ConfigType.SIZE.parse("k", "16MiB"));
        assertEquals(5L << 50, ConfigType.SIZE.parse("k", "5P"));
        assertEquals(true, ConfigType.BOOLEAN.parse("k", "On"));
        assertEquals(List.of("a", "b"), ConfigType.LIST.parse("k", " a, ,b "));
        assertEquals(42, ConfigType.INT.parse("k", "42"));
        assertThrows(ConfigException.class, () -> ConfigType.INT.parse("k", "4x"));
        assertThrows(ConfigException.class, () -> ConfigType.BOOLEAN.parse("k", "maybe"));
    }
}
