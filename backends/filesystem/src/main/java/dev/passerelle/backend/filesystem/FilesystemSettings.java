package dev.passerelle.backend.filesystem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The filesystem backend's settings.
 *
 * @param root the directory whose subdirectories are the containers
 * @param plain true for the plain layout (ordinary files), false for the managed layout
 * @param headChecksums plain layout: head reads the whole file to report SHA-256 and MD5
 * @param staleTempAfter temporary files untouched for this long are removed at start
 * @param maxObjectSize the largest object accepted, in bytes
 * @param readOnly opened to be read only: nothing is created or cleaned at open (a missing root reads
 *                 as a store without containers) and every write is refused
 */
public record FilesystemSettings(Path root, boolean plain, boolean headChecksums, Duration staleTempAfter, long maxObjectSize,
                                 boolean readOnly) {

    /** Default age after which a temporary file is considered left by a dead process. */
    public static final Duration DEFAULT_STALE_TEMP_AFTER = Duration.ofHours(1);
    /** Default largest object: 5 TiB, like S3. */
    public static final long DEFAULT_MAX_OBJECT_SIZE = 5L << 40;

    /** Checks the values. */
    public FilesystemSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(staleTempAfter, "staleTempAfter");
        if (maxObjectSize <= 0) {
            throw new IllegalArgumentException("maxObjectSize must be positive");
        }
    }

    /** @return managed-layout settings with defaults */
    public static FilesystemSettings managed(Path root) {
        return new FilesystemSettings(root, false, false, DEFAULT_STALE_TEMP_AFTER, DEFAULT_MAX_OBJECT_SIZE, false);
    }

    /** @return plain-layout settings with defaults (head does not compute checksums) */
    public static FilesystemSettings plain(Path root) {
        return new FilesystemSettings(root, true, false, DEFAULT_STALE_TEMP_AFTER, DEFAULT_MAX_OBJECT_SIZE, false);
    }

    /** @return a copy with another stale-temp age */
    public FilesystemSettings withStaleTempAfter(Duration age) {
        return new FilesystemSettings(root, plain, headChecksums, age, maxObjectSize, readOnly);
    }

    /** @return a copy opened read-only (or not) */
    public FilesystemSettings withReadOnly(boolean on) {
        return new FilesystemSettings(root, plain, headChecksums, staleTempAfter, maxObjectSize, on);
    }

    /** @return a copy with head checksums on or off */
    public FilesystemSettings withHeadChecksums(boolean on) {
        return new FilesystemSettings(root, plain, on, staleTempAfter, maxObjectSize, readOnly);
    }
}
