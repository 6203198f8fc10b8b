package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.backend.filesystem.FilesystemBlobStoreProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encryption promises on the filesystem backend; the host's files on disk are searched too. */
class FilesystemEncryptionTest extends EncryptionBehaviourTest {
    private Path root;

    @Override
    protected BlobStore createRawStore() throws IOException {
        root = Files.createTempDirectory("passerelle-enc-fs");
        return new FilesystemBlobStoreProvider().create(new BackendSettings("local", Map.of("type", "filesystem", "root", root.toString())));
    }

    @Override
    protected void assertHostKeepsNo(byte[] pattern) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() > 0, "the host keeps files");
        for (Path f : files) {
            assertFalse(contains(Files.readAllBytes(f), pattern), "found a secret in host file " + f);
        }
    }

    @Override
    protected void stopHost() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
