package dev.passerelle.backend.filesystem;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.BlobStoreProvider;
import dev.passerelle.api.spi.ConfigException;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Backend type {@code filesystem}. Settings (under {@code passerelle.backends.<name>.}):
 * {@code root} (required), {@code layout} = {@code managed} (default) or {@code plain},
 * {@code head-checksums} (plain only, default false), {@code stale-temp-after} (default 1h),
 * {@code max-object-size} (default 5TiB), {@code read-only} (default false: see
 * {@link BackendSettings#READ_ONLY}; nothing is created or cleaned at open and writes are refused).
 */
public final class FilesystemBlobStoreProvider implements BlobStoreProvider {

    /** The type name. */
    public static final String TYPE = "filesystem";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigKeys configKeys() {
        return FilesystemKeys.DECLARATION;
    }

    /**
     * Builds a filesystem store. The managed layout creates a missing root; the plain layout requires
     * an existing one and a JVM whose file names are UTF-8.
     *
     * @throws ConfigException naming the key when the root is missing, unreadable or cannot be created, or a value is wrong
     */
    @Override
    public BlobStore create(BackendSettings settings) {
        return new FilesystemBlobStoreFactory(settings).build();
    }

    /** Reads and checks the settings, then opens the store. */
    private static final class FilesystemBlobStoreFactory {
        private final BackendSettings settings;

        FilesystemBlobStoreFactory(BackendSettings settings) {
            this.settings = settings;
        }

        BlobStore build() {
            Path root;
            try {
                root = settings.get(FilesystemKeys.ROOT).toAbsolutePath().normalize();
            } catch (java.io.IOError | InvalidPathException e) {
                throw new ConfigException(settings.fullKey("root"), "not a valid path: " + e.getMessage());
            }
            boolean plain = settings.get(FilesystemKeys.LAYOUT).equals("plain");
            boolean headChecksums = settings.get(FilesystemKeys.HEAD_CHECKSUMS);
            if (headChecksums && !plain) {
                throw new ConfigException(settings.fullKey("head-checksums"), "only applies to layout=plain (the managed layout stores checksums)");
            }
            long maxObjectSize = settings.get(FilesystemKeys.MAX_OBJECT_SIZE);
            if (maxObjectSize <= 0) {
                throw new ConfigException(settings.fullKey("max-object-size"), "must be positive");
            }
            boolean readOnly = settings.readOnly();
            FilesystemSettings fs = new FilesystemSettings(root, plain, headChecksums,
                    settings.get(FilesystemKeys.STALE_TEMP_AFTER), maxObjectSize, readOnly);
            if (readOnly) {
                // opened to be read only (e.g. a migration plan): create nothing; a missing root has no containers
                if (Files.exists(root) && !Files.isDirectory(root)) {
                    throw new ConfigException(settings.fullKey("root"), root + " is not a directory");
                }
            } else if (plain) {
                checkUtf8FileNames();
                if (!Files.isDirectory(root)) {
                    throw new ConfigException(settings.fullKey("root"), "directory " + root + " does not exist (the plain layout reads an existing directory)");
                }
            } else {
                try {
                    Files.createDirectories(root);
                } catch (IOException e) {
                    throw new ConfigException(settings.fullKey("root"), "cannot create directory " + root + " (" + e.getClass().getSimpleName() + ")", e);
                }
                if (!Files.isWritable(root)) {
                    throw new ConfigException(settings.fullKey("root"), "directory " + root + " is not writable");
                }
            }
            if (Files.exists(root) && !Files.isReadable(root)) {
                throw new ConfigException(settings.fullKey("root"), "directory " + root + " is not readable");
            }
            try {
                return new FilesystemBlobStore(fs);
            } catch (IOException e) {
                throw new ConfigException(settings.fullKey("root"), "cannot open " + root + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
        }

        private void checkUtf8FileNames() {
            String jnu = System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name());
            if (!Charset.isSupported(jnu) || !Charset.forName(jnu).equals(StandardCharsets.UTF_8)) {
                throw new ConfigException(settings.fullKey("layout"), "the plain layout needs UTF-8 file names but this JVM uses "
                        + jnu + " (start it with a UTF-8 locale, e.g. LANG=C.UTF-8)");
            }
        }
    }
}
