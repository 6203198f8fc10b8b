package dev.passerelle.backend.jclouds;

import dev.passerelle.api.ListOrder;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings: pass-through properties, secrets, defaults per provider, and one-line errors naming the key. */
class JcloudsSettingsTest {

    private static JcloudsSettings settings(Map<String, String> values) {
        Map<String, String> m = new HashMap<>(values);
        m.put("type", "jclouds");
        return new JcloudsSettings(new BackendSettings("swift1", m));
    }

    @Test
    void propertiesArePassedThroughWithoutThePrefixAndWinOverTimeouts() {
        JcloudsSettings s = settings(Map.of("provider", "s3", "identity", "id", "credential", "secret", "timeout", "5s",
                "properties.jclouds.s3.virtual-host-buckets", "false", "properties.jclouds.so-timeout", "1234"));
        Properties p = s.jcloudsProperties();
        assertEquals("false", p.getProperty("jclouds.s3.virtual-host-buckets"));
        assertEquals("1234", p.getProperty("jclouds.so-timeout"), "an explicit jclouds property wins");
        assertEquals("5000", p.getProperty("jclouds.connection-timeout"), "timeout feeds jclouds' timeouts");
        assertFalse(p.containsKey("properties.jclouds.s3.virtual-host-buckets"));
    }

    @Test
    void jcloudsOwnRetriesAreOffAndCannotBeTurnedOn() {
        JcloudsSettings s = settings(Map.of("provider", "s3", "identity", "id", "credential", "secret"));
        assertEquals("0", s.jcloudsProperties().getProperty("jclouds.max-retries"), "a call is retried by core's layer only");
        assertEquals("0", settings(Map.of("provider", "transient", "properties.jclouds.max-retries", "0"))
                .jcloudsProperties().getProperty("jclouds.max-retries"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> settings(Map.of("provider", "transient", "properties.jclouds.max-retries", "5")));
        assertEquals("passerelle.backends.swift1.properties.jclouds.max-retries", e.key());
        assertTrue(e.getMessage().contains("retry-max-attempts"), e.getMessage());
    }

    @Test
    void credentialComesFromAFileAndNeverShowsInToString(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cred");
        Files.writeString(file, "s3cr3t-from-file\n");
        JcloudsSettings s = settings(Map.of("provider", "openstack-swift", "identity", "test:tester", "credential-file", file.toString()));
        assertEquals("s3cr3t-from-file", s.credential().orElseThrow());
        assertFalse(s.toString().contains("s3cr3t"), s.toString());
        assertTrue(s.toString().contains("test:tester"));
    }

    @Test
    void defaultsFollowTheProviderAndCanBeOverridden() {
        assertEquals(ListOrder.UTF16, settings(Map.of("provider", "transient")).profile().listOrder());
        assertEquals(ListOrder.UTF8_BINARY, settings(Map.of("provider", "openstack-swift", "identity", "a", "credential", "b")).profile().listOrder());
        assertEquals(ListOrder.UTF16, settings(Map.of("provider", "s3", "identity", "a", "credential", "b", "list-order", "utf-16")).profile().listOrder());
        assertEquals(1L << 30, settings(Map.of("provider", "transient", "max-object-size", "1GiB")).profile().maxObjectSize());
    }

    @Test
    void badSettingsNameTheirKey() {
        assertEquals("passerelle.backends.swift1.provider", assertThrows(ConfigException.class, () -> settings(Map.of())).key());
        assertEquals("passerelle.backends.swift1.credential",
                assertThrows(ConfigException.class, () -> settings(Map.of("provider", "openstack-swift", "identity", "x"))).key());
        assertEquals("passerelle.backends.swift1.properties.jclouds.filesystem.basedir",
                assertThrows(ConfigException.class, () -> settings(Map.of("provider", "filesystem"))).key());
        assertEquals("passerelle.backends.swift1.list-order",
                assertThrows(ConfigException.class, () -> settings(Map.of("provider", "transient", "list-order", "random"))).key());
        assertEquals("passerelle.backends.swift1.buffer-size",
                assertThrows(ConfigException.class, () -> settings(Map.of("provider", "transient", "buffer-size", "1K"))).key());
    }

    @Test
    void anUnknownProviderIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new JcloudsBlobStoreProvider().create(new BackendSettings("x", Map.of("type", "jclouds", "provider", "no-such-cloud",
                        "identity", "a", "credential", "topsecret"))));
        assertEquals("passerelle.backends.x.provider", e.key());
        assertFalse(e.getMessage().contains("topsecret"));
    }
}
