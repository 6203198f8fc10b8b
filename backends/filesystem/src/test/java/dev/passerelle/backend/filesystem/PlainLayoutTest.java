package dev.passerelle.backend.filesystem;

import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.testkit.Kit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain layout reads an existing tree of ordinary files and writes nothing beside them. */
class PlainLayoutTest {
    private Path root;

    @BeforeEach
    void setUp() throws IOException {
        root = TempRoot.create("passerelle-fs-plain-layout");
        Files.createDirectories(root.resolve("archive/2019/scans"));
        Files.writeString(root.resolve("archive/readme.txt"), "hello");
        Files.writeString(root.resolve("archive/2019/report.pdf"), "%PDF-1.4 fake");
        Files.write(root.resolve("archive/2019/scans/page 1.png"), Kit.bytes(2048, 1));
        Files.writeString(root.resolve("archive/.hidden"), "dot files are files too");
        Files.createDirectories(root.resolve("archive/empty-dir"));
        Files.createDirectories(root.resolve("Not_A_Container"));
        Files.setLastModifiedTime(root.resolve("archive/readme.txt"), FileTime.fromMillis(1_600_000_000_000L));
    }

    @AfterEach
    void tearDown() throws IOException {
        TempRoot.delete(root);
    }

    /** @return every path under the root with size and modification time */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                all.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return all;
    }

    @Test
    void readsAnExistingTreeWithoutWritingAnything() throws Exception {
        Map<String, String> before = snapshot();
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.plain(root))) {
            assertEquals(List.of("archive"), store.listContainers(Kit.ctx()).stream().map(c -> c.name()).toList(), "only valid container names");
            assertEquals(List.of(".hidden", "2019/report.pdf", "2019/scans/page 1.png", "readme.txt"), Kit.listKeys(store, "archive", ListRequest.all()));
            assertEquals(List.of("2019/"), store.listPage("archive", ListRequest.all().withDelimiter("/")).commonPrefixes(),
                    "an empty directory holds no key, so it is no common prefix");
            ObjectInfo head = store.head("archive", "2019/report.pdf", GetOptions.defaults());
            assertEquals("application/pdf", head.contentType(), "content type guessed from the name");
            assertEquals(13, head.size());
            assertTrue(head.checksums().isEmpty(), "head does not read the file by default");
            assertEquals(1_600_000_000L, store.head("archive", "readme.txt", GetOptions.defaults()).lastModified().getEpochSecond());
            assertArrayEquals(Kit.bytes(2048, 1), Kit.read(store, "archive", "2019/scans/page 1.png"));
            Kit.assertAbsent(store, "archive", "empty-dir");
            Kit.assertAbsent(store, "archive", "2019");
        }
        assertEquals(before, snapshot(), "reading wrote nothing, not even a temporary directory");
    }

    @Test
    void headComputesChecksumsWhenAsked() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.plain(root).withHeadChecksums(true))) {
            ObjectInfo head = store.head("archive", "2019/scans/page 1.png", GetOptions.defaults());
            assertEquals(Kit.sha256(Kit.bytes(2048, 1)), head.passerelleSha256().orElseThrow());
            assertEquals(Kit.md5(Kit.bytes(2048, 1)), head.checksum(ChecksumAlgorithm.MD5).orElseThrow().hex());
            assertFalse(store.capabilities().storesChecksums());
        }
    }

    @Test
    void writesArePlainFilesAndEtagsChangeOnEveryWrite() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.plain(root))) {
            byte[] data = "new content".getBytes(StandardCharsets.UTF_8);
            ObjectInfo first = Kit.put(store, "archive", "2020/new.txt", data);
            assertArrayEquals(data, Files.readAllBytes(root.resolve("archive/2020/new.txt")), "an ordinary file with exactly the bytes");
            assertEquals(Kit.sha256(data), first.passerelleSha256().orElseThrow(), "put reports what it computed while streaming");
            ObjectInfo second = Kit.put(store, "archive", "2020/new.txt", data);
            assertFalse(first.etag().equals(second.etag()), "a rewrite gets a new ETag");
            assertEquals(second.etag(), store.head("archive", "2020/new.txt", GetOptions.defaults()).etag());
            try (Stream<Path> s = Files.list(root.resolve("archive/2020"))) {
                assertEquals(List.of(root.resolve("archive/2020/new.txt")), s.toList(), "nothing beside the file");
            }
        }
    }

    @Test
    void whatATreeCannotHoldIsRefused() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.plain(root))) {
            Kit.expect(ErrorKind.UNSUPPORTED, () -> Kit.put(store, "archive", "m", new byte[1], PutOptions.builder().userMetadata(Map.of("a", "b")).build()));
            Kit.expect(ErrorKind.CONFLICT, () -> Kit.put(store, "archive", "readme.txt/child", new byte[1]));
            Kit.expect(ErrorKind.CONFLICT, () -> Kit.put(store, "archive", "2019", new byte[1]));
            Kit.expect(ErrorKind.UNSUPPORTED, () -> Kit.put(store, "archive", "dir/", new byte[1]));
            Kit.expect(ErrorKind.UNSUPPORTED, () -> Kit.put(store, "archive", "a/../b", new byte[1]));
            Kit.expect(ErrorKind.UNSUPPORTED, () -> Kit.put(store, "archive", "s".repeat(256), new byte[1]));
            assertEquals("hello", Files.readString(root.resolve("archive/readme.txt")));
            assertTrue(Files.isDirectory(root.resolve("archive/2019")));
            Kit.expect(ErrorKind.CONFLICT, () -> store.deleteContainer("archive", Kit.ctx()));
        }
    }

    @Test
    void deletingTheLastFileOfAContainerAllowsDeletingIt() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.plain(root))) {
            for (String key : Kit.listKeys(store, "archive", ListRequest.all())) {
                store.delete("archive", key, Kit.ctx());
            }
            store.deleteContainer("archive", Kit.ctx());
            assertFalse(Files.exists(root.resolve("archive")));
        }
    }
}
