package dev.passerelle.backend.filesystem;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.testkit.FailingInputStream;
import dev.passerelle.testkit.Kit;
import dev.passerelle.testkit.PseudoRandomInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the managed layout promises beyond the kit: one file per object, no leftovers, internal names. */
class ManagedLayoutTest {
    private Path root;
    private FilesystemBlobStore store;

    @BeforeEach
    void setUp() throws IOException {
        root = TempRoot.create("passerelle-fs-layout");
        store = new FilesystemBlobStore(FilesystemSettings.managed(root));
        store.createContainer("box", Kit.ctx());
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
        TempRoot.delete(root);
    }

    private List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private List<Path> tempParts() throws IOException {
        List<Path> parts = new ArrayList<>();
        for (Path p : regularFiles(root.resolve(TempFiles.DIR_NAME))) {
            if (!p.getFileName().toString().equals("commit.lock")) {
                parts.add(p);
            }
        }
        return parts;
    }

    @Test
    void dataAndMetadataLiveInOneFileCommittedByOneRename() throws IOException {
        byte[] data = Kit.bytes(5000, 1);
        Kit.put(store, "box", "dir/obj", data, PutOptions.builder().contentType("text/x-one").userMetadata(Map.of("k", "v")).build());
        List<Path> files = regularFiles(root.resolve("box"));
        assertEquals(1, files.size(), "exactly one file holds the object: " + files);
        assertTrue(Files.size(files.get(0)) > data.length, "data plus trailer");
        assertEquals(List.of(), tempParts(), "no temporary file left");
    }

    @Test
    void checksumMismatchLeavesNoFileAndKeepsThePreviousBytes() throws IOException {
        byte[] previous = Kit.bytes(3000, 2);
        Kit.put(store, "box", "sum", previous);
        List<Path> before = regularFiles(root.resolve("box"));
        byte[] before0 = Files.readAllBytes(before.get(0));
        for (PutOptions wrong : List.of(PutOptions.builder().expectedSha256("0".repeat(64)).build(), PutOptions.builder().expectedMd5("0".repeat(32)).build())) {
            Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> store.put("box", "sum", new PseudoRandomInputStream(3, 3_000_000), 3_000_000, wrong));
            Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> store.put("box", "new", new PseudoRandomInputStream(3, 3_000_000), -1, wrong));
        }
        assertEquals(before, regularFiles(root.resolve("box")), "no new file in the container");
        assertArrayEquals(before0, Files.readAllBytes(before.get(0)), "the previous object file is byte-for-byte intact");
        assertEquals(List.of(), tempParts(), "temporary files are removed after a failed put");
        assertArrayEquals(previous, Kit.read(store, "box", "sum"));
    }

    @Test
    void failedStreamsAndWrongLengthsLeaveNoTemporaryFile() throws IOException {
        assertThrows(RuntimeException.class, () -> store.put("box", "f", new FailingInputStream(new ByteArrayInputStream(new byte[1000])), -1, PutOptions.defaults()));
        Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store.put("box", "f", new ByteArrayInputStream(new byte[10]), 11, PutOptions.defaults()));
        Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store.put("box", "f", new ByteArrayInputStream(new byte[10]), 9, PutOptions.defaults()));
        assertEquals(List.of(), tempParts());
        assertEquals(List.of(), regularFiles(root.resolve("box")));
    }

    @Test
    void everyWriteGetsANewEtagEvenWithIdenticalBytes() {
        byte[] data = Kit.bytes(100, 4);
        ObjectInfo first = Kit.put(store, "box", "same", data);
        ObjectInfo second = Kit.put(store, "box", "same", data);
        assertNotEquals(first.etag(), second.etag());
        assertEquals(second.etag(), store.head("box", "same", GetOptions.defaults()).etag());
        assertEquals(first.passerelleSha256(), second.passerelleSha256());
    }

    @Test
    void keysEqualToInternalNamesAreOrdinaryKeys() {
        List<String> keys = List.of(KeyCodec.SEGMENT_FILE, "x/" + KeyCodec.SEGMENT_FILE, TempFiles.DIR_NAME, TempFiles.DIR_NAME + "/commit.lock", "commit.lock",
                "o", "d", "p", "e", "oname", "dname/x", "p" + "a".repeat(64), "e" + "b".repeat(64) + "/y", "%41", "A", "a%2Fb", "a/b");
        for (String k : keys) {
            Kit.put(store, "box", k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(store.capabilities().listOrder().comparator());
        assertEquals(sorted, Kit.listKeys(store, "box", ListRequest.all()));
        for (String k : keys) {
            assertArrayEquals(k.getBytes(java.nio.charset.StandardCharsets.UTF_8), Kit.read(store, "box", k), k);
        }
    }

    @Test
    void longSegmentsUseHashedNamesAndStillListInOrder() throws IOException {
        String longA = "a".repeat(300);
        String longB = "\u00e9".repeat(200);
        List<String> keys = new ArrayList<>(List.of(longA, longA + "/inner", longA + "b", longB + "/x/" + longB, "z", longA.substring(0, 200)));
        for (String k : keys) {
            Kit.put(store, "box", k, new byte[] {1});
        }
        keys.sort(store.capabilities().listOrder().comparator());
        assertEquals(keys, Kit.listKeys(store, "box", ListRequest.all().withPageSize(2)));
        for (Path p : regularFiles(root.resolve("box"))) {
            for (Path part : root.resolve("box").relativize(p)) {
                assertTrue(part.toString().length() <= KeyCodec.MAX_NAME_BYTES, "name too long: " + part);
            }
        }
        assertEquals(List.of(longA + "/", longB + "/"), store.listPage("box", ListRequest.all().withDelimiter("/")).commonPrefixes());
        for (String k : keys) {
            store.delete("box", k, Kit.ctx());
        }
        store.deleteContainer("box", Kit.ctx());
        assertTrue(Files.notExists(root.resolve("box")), "hashed directories are removed with their container");
    }

    @Test
    void deletingTheLastKeyOfADirectoryPrunesIt() throws IOException {
        Kit.put(store, "box", "a/b/c/d", new byte[] {1});
        store.delete("box", "a/b/c/d", Kit.ctx());
        try (Stream<Path> s = Files.list(root.resolve("box"))) {
            assertEquals(0, s.count(), "empty directories are removed");
        }
        assertTrue(store.listPage("box", ListRequest.all().withDelimiter("/")).commonPrefixes().isEmpty());
    }

    @Test
    void aForeignFileInAContainerIsIgnoredAndBlocksItsDeletion() throws IOException {
        Files.writeString(root.resolve("box/README.txt"), "not an object");
        assertEquals(List.of(), Kit.listKeys(store, "box", ListRequest.all()));
        Kit.expect(ErrorKind.CONFLICT, () -> store.deleteContainer("box", Kit.ctx()));
        assertTrue(Files.exists(root.resolve("box/README.txt")), "a file that is not ours is never deleted");
    }

    @Test
    void aDamagedObjectFileIsAnIntegrityError() throws IOException {
        Kit.put(store, "box", "dmg", Kit.bytes(1000, 5));
        Path file = regularFiles(root.resolve("box")).get(0);
        Files.write(file, new byte[] {1, 2, 3});
        Kit.expect(ErrorKind.INTEGRITY, () -> store.head("box", "dmg", GetOptions.defaults()));
    }

    @Test
    void invalidContinuationTokensAreRejected() {
        for (String bad : List.of("garbage", "v1.!!!", FsLister.encodeToken("x").replace("v1.", "v2."), "v1." + java.util.Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, 0x41}))) {
            Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store.listPage("box", ListRequest.all().withContinuationToken(bad)));
        }
    }

    @Test
    void aFileMovedOrSwappedToAnotherKeysPathIsAnIntegrityError() throws IOException {
        Kit.put(store, "box", "patient-a.txt", Kit.bytes(100, 3), PutOptions.builder().contentType("text/plain").build());
        Kit.put(store, "box", "patient-b.bin", Kit.bytes(200, 4), PutOptions.builder().contentType("application/x-b").build());
        Path a = root.resolve("box").resolve(KeyCodec.objectName("patient-a.txt"));
        Path b = root.resolve("box").resolve(KeyCodec.objectName("patient-b.bin"));
        Path aside = root.resolve("aside");
        Files.move(a, aside);
        Files.move(b, a);
        Files.move(aside, b);
        for (String key : List.of("patient-a.txt", "patient-b.bin")) {
            var get = assertThrows(dev.passerelle.api.StorageException.class, () -> store.get("box", key, GetOptions.defaults()));
            assertEquals(ErrorKind.INTEGRITY, get.kind(), get.getMessage());
            assertTrue(get.getMessage().contains("records another key"), get.getMessage());
            String other = key.equals("patient-a.txt") ? "patient-b.bin" : "patient-a.txt";
            assertFalse(get.getMessage().contains(other), "the other key is not disclosed: " + get.getMessage());
            assertEquals(ErrorKind.INTEGRITY, assertThrows(dev.passerelle.api.StorageException.class,
                    () -> store.head("box", key, GetOptions.defaults())).kind());
        }
        // listed under the keys their paths say (each once), and still deletable and replaceable by the owner
        assertEquals(List.of("patient-a.txt", "patient-b.bin"), store.list("box", ListRequest.all()).objects().map(ObjectInfo::key).toList());
        store.delete("box", "patient-a.txt", Kit.ctx());
        Kit.put(store, "box", "patient-b.bin", Kit.bytes(10, 5));
        assertEquals(10, store.head("box", "patient-b.bin", GetOptions.defaults()).size());
    }
}
