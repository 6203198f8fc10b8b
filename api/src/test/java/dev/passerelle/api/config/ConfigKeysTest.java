package dev.passerelle.api.config;

import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigKeysTest {
    static final ConfigKey<Long> PART = ConfigKey.size("passerelle.backends.<name>.part-size").defaultValue("16MiB").help("h");
    static final ConfigKey<String> SECRET = ConfigKey.string("passerelle.backends.<name>.secret-key").markSecret();
    static final ConfigKey<String> MODE = ConfigKey.choice("passerelle.backends.<name>.mode", "native", "check");
    static final ConfigKey<String> PROPS = ConfigKey.string("passerelle.backends.<name>.properties.<property...>");
    static final ConfigKeys DECL = ConfigKeys.of("t", "T", "", PART, SECRET, MODE, PROPS);

    @Test
    void patternsMatchOneSegmentPerPlaceholder() {
        assertTrue(PART.matches("passerelle.backends.cellar.part-size"));
        assertFalse(PART.matches("passerelle.backends.a.b.part-size"));
        assertFalse(PART.matches("passerelle.backends.cellar.part-size-file"));
        assertTrue(SECRET.matches("passerelle.backends.cellar.secret-key-file"));
        assertTrue(SECRET.isFileForm("passerelle.backends.cellar.secret-key-file"));
        assertTrue(PROPS.matches("passerelle.backends.j.properties.jclouds.s3.virtual-host-buckets"));
        assertEquals("passerelle.backends.cellar.part-size", PART.bind("cellar"));
    }

    @Test
    void unknownKeyIsRefusedWithTheClosestDeclaredOne() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigKeys.check(Map.of("passerelle.backends.c.part-sise", "1M"), List.of(DECL)));
        assertEquals("passerelle.backends.c.part-sise: unknown setting (did you mean part-size?)", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigKeys.check(Map.of("passerelle.backends.c.zzzzzzzz", "1"), List.of(DECL)));
        assertEquals("passerelle.backends.c.zzzzzzzz: unknown setting", e.getMessage());
    }

    @Test
    void valuesAreCheckedByTheirDeclaredType() {
        ConfigKeys.check(Map.of("passerelle.backends.c.part-size", "8M", "passerelle.backends.c.secret-key-file", "/x",
                "passerelle.backends.c.mode", "NATIVE"), List.of(DECL));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigKeys.check(Map.of("passerelle.backends.c.mode", "sometimes"), List.of(DECL)));
        assertEquals("passerelle.backends.c.mode: expected one of native, check, got 'sometimes'", e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigKeys.check(Map.of("passerelle.backends.c.part-size", "big"), List.of(DECL)));
    }

    @Test
    void aDeclarationWithABadDefaultCannotBeBuilt() {
        assertThrows(ConfigException.class, () -> ConfigKey.duration("passerelle.x").defaultValue("soon"));
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.of("passerelle.x", ConfigType.ENUM));
    }

    @Test
    void backendSettingsReadDeclaredKeys() throws Exception {
        Path file = Files.createTempFile("secret", ".txt");
        Files.writeString(file, " s3cr3t\n");
        BackendSettings s = new BackendSettings("cellar", Map.of("secret-key-file", file.toString(), "mode", "Check"));
        assertEquals(16L << 20, s.get(PART));
        assertEquals("check", s.get(MODE));
        assertEquals("s3cr3t", s.requireSecret(SECRET));
        BackendSettings both = new BackendSettings("cellar", Map.of("secret-key-file", file.toString(), "secret-key", "x"));
        assertEquals("passerelle.backends.cellar.secret-key: set either secret-key or secret-key-file, not both",
                assertThrows(ConfigException.class, () -> both.secret(SECRET)).getMessage());
        Files.delete(file);
        assertEquals("passerelle.backends.cellar.part-size: expected a size such as 8MiB, 64M or 5T, got 'x'",
                assertThrows(ConfigException.class, () -> new BackendSettings("cellar", Map.of("part-size", "x")).get(PART)).getMessage());
    }

    @Test
    void configValuesReadFullKeys() {
        ConfigKey<java.time.Duration> d = ConfigKey.duration("passerelle.audit.head-interval").defaultValue("5m");
        assertEquals(java.time.Duration.ofMinutes(5), ConfigValues.of(Map.of()).get(d));
        assertEquals(java.time.Duration.ofSeconds(2), ConfigValues.of(Map.of("passerelle.audit.head-interval", "2")).get(d));
        assertEquals("passerelle.backends.b.secret-key: missing setting",
                assertThrows(ConfigException.class, () -> ConfigValues.of(Map.of()).get(SECRET, "b")).getMessage());
    }
}
