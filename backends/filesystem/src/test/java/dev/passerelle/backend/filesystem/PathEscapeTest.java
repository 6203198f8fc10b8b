package dev.passerelle.backend.filesystem;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.StorageException;
import dev.passerelle.testkit.Kit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing is read or written outside the root (or outside the key's own container), whatever the key:
 * relative segments, absolute paths, percent-encoded and backslash forms.
 */
class PathEscapeTest {
    /** Keys that a naive key-to-path mapping would resolve outside the container or the root. */
    static final List<String> HOSTILE_KEYS = List.of("../x", "../../x", "a/../../b", "a/../../../escape", "../other/secret", "/etc/passwd",
            "/tmp/escape", "//tmp/escape", "..%2F..%2Fx", "%2e%2e/%2e%2e/x", "%2E%2E%2Fsecret", "..\\..\\x", "..\\other\\secret",
            "..", ".", "./../x", "a/./../../x", "~/x", "..%5c..%5cx", "%00../x");

    private Path sandbox;
    private Path root;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = TempRoot.create("passerelle-escape");
        root = Files.createDirectories(sandbox.resolve("root"));
        Files.writeString(sandbox.resolve("x"), "outside");
        Files.createDirectories(sandbox.resolve("outside"));
        Files.writeString(sandbox.resolve("outside/secret"), "outside secret");
    }

    @AfterEach
    void tearDown() throws IOException {
        TempRoot.delete(sandbox);
    }

    @Test
    void managedLayoutKeepsEveryKeyInsideItsContainer() throws Exception {
        Map<String, String> outsideBefore = snapshotOutsideRoot();
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.managed(root))) {
            store.createContainer("victim", Kit.ctx());
            store.createContainer("other", Kit.ctx());
            Kit.put(store, "other", "secret", "other container's secret".getBytes(StandardCharsets.UTF_8));
            for (String key : HOSTILE_KEYS) {
                Kit.assertAbsent(store, "victim", key);
                byte[] data = ("data of " + key).getBytes(StandardCharsets.UTF_8);
                Kit.put(store, "victim", key, data);
                assertArrayEquals(data, Kit.read(store, "victim", key), key);
            }
            assertEquals(HOSTILE_KEYS.size(), Kit.listKeys(store, "victim", ListRequest.all()).size(), "each key is its own object");
            assertArrayEquals("other container's secret".getBytes(StandardCharsets.UTF_8), Kit.read(store, "other", "secret"));
            assertEquals(List.of("secret"), Kit.listKeys(store, "other", ListRequest.all()), "nothing landed in the other container");
            assertTrue(Kit.listKeys(store, "victim", ListRequest.prefix("../")).contains("../other/secret"));
            for (String key : HOSTILE_KEYS) {
                store.delete("victim", key, Kit.ctx());
            }
            store.deleteContainer("victim", Kit.ctx());
        }
        assertEquals(outsideBefore, snapshotOutsideRoot(), "nothing outside the root changed");
        assertEverythingUnder(root.resolve("other"), root.resolve(TempFiles.DIR_NAME));
    }

    @Test
    void plainLayoutRefusesOrConfinesEveryKey() throws Exception {
        Files.createDirectories(root.resolve("victim"));
        Files.createDirectories(root.resolve("other"));
        Files.writeString(root.resolve("other/secret"), "other container's secret");
        Files.createSymbolicLink(root.resolve("victim/link-out"), sandbox.resolve("outside/secret"));
        Files.createSymbolicLink(root.resolve("victim/dir-out"), sandbox.resolve("outside"));
        Map<String, String> outsideBefore = snapshotOutsideRoot();
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.plain(root))) {
            for (String key : HOSTILE_KEYS) {
                Kit.assertAbsent(store, "victim", key);
                byte[] data = ("data of " + key).getBytes(StandardCharsets.UTF_8);
                try {
                    Kit.put(store, "victim", key, data);
                    assertArrayEquals(data, Kit.read(store, "victim", key), key);
                } catch (StorageException e) {
                    assertEquals(ErrorKind.UNSUPPORTED, e.kind(), key + ": " + e.getMessage());
                }
            }
            Kit.assertAbsent(store, "victim", "link-out");
            Kit.assertAbsent(store, "victim", "dir-out/secret");
            List<String> keys = Kit.listKeys(store, "victim", ListRequest.all());
            assertTrue(keys.stream().noneMatch(k -> k.startsWith("link-out") || k.startsWith("dir-out")), "links are not followed: " + keys);
            Kit.expect(ErrorKind.OBJECT_NOT_FOUND, () -> store.delete("victim", "link-out", Kit.ctx()));
        }
        assertEquals(outsideBefore, snapshotOutsideRoot(), "nothing outside the root changed");
        assertEquals("other container's secret", Files.readString(root.resolve("other/secret")));
        assertTrue(Files.isSymbolicLink(root.resolve("victim/link-out")), "the link itself is untouched");
    }

    /** @return every file outside the root, with its content */
    private Map<String, String> snapshotOutsideRoot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(sandbox)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.startsWith(root) || Files.isDirectory(p)) {
                    continue;
                }
                files.put(sandbox.relativize(p).toString(), Files.readString(p));
            }
        }
        try (Stream<Path> all = Files.walk(Path.of("/tmp"), 1)) {
            all.filter(p -> p.getFileName().toString().equals("escape")).forEach(p -> files.put("/tmp/escape", "present"));
        }
        return files;
    }

    private void assertEverythingUnder(Path... allowed) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p)) {
                    boolean ok = Stream.of(allowed).anyMatch(p::startsWith);
                    assertTrue(ok, "unexpected file " + p);
                }
            }
        }
    }
}
