package dev.passerelle.backend.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The root's temporary directory ({@value #DIR_NAME}, not a valid container name, so never listed):
 * in-flight uploads are written here and renamed into place; it is on the same filesystem as the
 * containers, so the rename is atomic. Files left by a killed process are removed at start once they
 * have not been modified for a while.
 */
final class TempFiles {
    /** Name of the temporary directory under the root. */
    static final String DIR_NAME = ".passerelle-tmp";
    /** Suffix of in-flight uploads. */
    static final String PART = ".part";

    private final Path dir;

    TempFiles(Path root) {
        this.dir = root.resolve(DIR_NAME);
    }

    /** @return the temporary directory */
    Path dir() {
        return dir;
    }

    /** @return a fresh path for an upload (the directory is created if needed; the file is not) */
    Path newPart() throws IOException {
        Files.createDirectories(dir);
        return dir.resolve(UUID.randomUUID() + PART);
    }

    /**
     * Deletes uploads and half-built directories not modified for {@code staleAfter}: left by a process
     * killed mid-put. A younger one may belong to another live process and is kept.
     *
     * @return how many entries were removed
     */
    int cleanStale(Duration staleAfter) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Instant limit = Instant.now().minus(staleAfter);
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.endsWith(PART) && !name.endsWith(".dir")) {
                    continue;
                }
                FileTime modified = Files.getLastModifiedTime(p);
                if (modified.toInstant().isAfter(limit)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.deleteIfExists(p.resolve(KeyCodec.SEGMENT_FILE));
                }
                Files.deleteIfExists(p);
                removed++;
            }
        }
        return removed;
    }

    /** Deletes a file if it is still there, ignoring failures (cleanup after a failed put). */
    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover is removed by the next start's cleanup
        }
    }

    /** Flushes a directory's entries to disk, so a rename or delete in it survives a crash. */
    static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
