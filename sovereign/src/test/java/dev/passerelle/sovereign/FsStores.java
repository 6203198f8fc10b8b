package dev.passerelle.sovereign;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.backend.filesystem.FilesystemBlobStoreProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Real filesystem backends in temporary directories, for the decorator tests. */
public final class FsStores {
    private FsStores() {
    }

    /** @return a filesystem store rooted at {@code root} */
    public static BlobStore at(Path root) {
        return new FilesystemBlobStoreProvider().create(new BackendSettings("local", Map.of("type", "filesystem", "root", root.toString())));
    }

    /** Deletes a directory tree. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
