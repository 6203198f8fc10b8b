package dev.passerelle.backend.filesystem;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.BlobStoreProvider;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.testkit.Kit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesystemBlobStoreProviderTest {
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = TempRoot.create("passerelle-fs-provider");
    }

    @AfterEach
    void tearDown() throws IOException {
        TempRoot.delete(dir);
    }

    private static BlobStoreProvider provider() {
        return ServiceLoader.load(BlobStoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("filesystem")).findFirst().orElseThrow();
    }

    private static BackendSettings settings(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("type", "filesystem");
        return new BackendSettings("local", all);
    }

    private static ConfigException configError(Map<String, String> values) {
        return assertThrows(ConfigException.class, () -> provider().create(settings(values)).close());
    }

    @Test
    void readOnlyCreatesNothingReadsAndRefusesWrites() throws Exception {
        Path missing = dir.resolve("not-yet");
        try (BlobStore store = provider().create(settings(Map.of("root", missing.toString(), "read-only", "true")))) {
            assertFalse(Files.exists(missing), "a read-only open must not create the root");
            assertFalse(store.containerExists("any", Kit.ctx()));
            assertTrue(store.listContainers(Kit.ctx()).isEmpty());
            assertFalse(store.capabilities().writable());
            dev.passerelle.api.StorageException e = assertThrows(dev.passerelle.api.StorageException.class,
                    () -> store.createContainer("any", Kit.ctx()));
            assertEquals(dev.passerelle.api.ErrorKind.FORBIDDEN, e.kind());
        }
        assertFalse(Files.exists(missing));

        Path root = dir.resolve("existing");
        try (BlobStore store = provider().create(settings(Map.of("root", root.toString())))) {
            store.createContainer("ccc", Kit.ctx());
            store.put("ccc", "k", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3, dev.passerelle.api.PutOptions.defaults());
        }
        TempRoot.delete(root.resolve(TempFiles.DIR_NAME));
        try (BlobStore store = provider().create(settings(Map.of("root", root.toString(), "read-only", "true")))) {
            assertEquals(3, store.head("ccc", "k", dev.passerelle.api.GetOptions.defaults()).size());
            assertThrows(dev.passerelle.api.StorageException.class, () -> store.put("ccc", "k2", new java.io.ByteArrayInputStream(new byte[0]), 0,
                    dev.passerelle.api.PutOptions.defaults()));
            assertThrows(dev.passerelle.api.StorageException.class, () -> store.delete("ccc", "k", Kit.ctx()));
        }
        assertFalse(Files.exists(root.resolve(TempFiles.DIR_NAME)), "a read-only open must not create the temporary directory");
    }

    @Test
    void foundThroughServiceLoaderAndCreatesAMissingManagedRoot() throws Exception {
        Path root = dir.resolve("data/nested");
        try (BlobStore store = provider().create(settings(Map.of("root", root.toString())))) {
            assertTrue(Files.isDirectory(root));
            store.createContainer("first", Kit.ctx());
            assertTrue(store.capabilities().storesChecksums());
        }
    }

    @Test
    void plainLayoutIsSelectedBySetting() throws Exception {
        try (BlobStore store = provider().create(settings(Map.of("root", dir.toString(), "layout", "PLAIN", "head-checksums", "true")))) {
            assertFalse(store.capabilities().userMetadata());
        }
    }

    @Test
    void badSettingsNameTheirKey() throws IOException {
        assertEquals("passerelle.backends.local.root", configError(Map.of()).key());
        assertEquals("passerelle.backends.local.layout", configError(Map.of("root", dir.toString(), "layout", "flat")).key());
        assertEquals("passerelle.backends.local.root", configError(Map.of("root", dir.resolve("missing").toString(), "layout", "plain")).key());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        ConfigException uncreatable = configError(Map.of("root", file.resolve("below").toString()));
        assertEquals("passerelle.backends.local.root", uncreatable.key());
        assertTrue(uncreatable.getMessage().startsWith("passerelle.backends.local.root: cannot create directory"), uncreatable.getMessage());
        assertFalse(uncreatable.getMessage().contains("\n"), "one line");
        assertEquals("passerelle.backends.local.root", configError(Map.of("root", file.toString())).key(), "a file is not a root");
        assertEquals("passerelle.backends.local.head-checksums", configError(Map.of("root", dir.toString(), "head-checksums", "true")).key());
        assertEquals("passerelle.backends.local.max-object-size", configError(Map.of("root", dir.toString(), "max-object-size", "lots")).key());
        assertEquals("passerelle.backends.local.stale-temp-after", configError(Map.of("root", dir.toString(), "stale-temp-after", "soon")).key());
    }
}
