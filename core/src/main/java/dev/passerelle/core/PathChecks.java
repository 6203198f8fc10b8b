package dev.passerelle.core;

import dev.passerelle.api.spi.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Provider-neutral checks of directories named in the configuration: every backend setting named
 * {@code root} is a directory that must be readable if it exists, and the state directory must not
 * lie inside (or be) any of them — otherwise the admin token and journals would become objects.
 */
final class PathChecks {
    static final String ROOT = "root";

    private PathChecks() {
    }

    /**
     * @throws ConfigException naming the root or the state dir key
     */
    static void check(Path stateDir, Collection<CoreSettings.BackendSpec> backends) {
        checkOutsideRoots(PropertySnapshot.STATE_DIR, stateDir, backends);
    }

    /**
     * Checks that a path Passerelle writes its own files to lies outside every backend's root.
     *
     * @param key the setting that names the path, for the message
     * @throws ConfigException naming a root that is not a readable directory, or {@code key}
     */
    static void checkOutsideRoots(String key, Path path, Collection<CoreSettings.BackendSpec> backends) {
        Path state = resolved(path);
        for (CoreSettings.BackendSpec spec : backends) {
            String value = spec.settings().get(ROOT).orElse(null);
            if (value == null) {
                continue;
            }
            String rootKey = spec.settings().fullKey(ROOT);
            Path root = CoreSettings.path(rootKey, value);
            if (Files.exists(root) && (!Files.isDirectory(root) || !Files.isReadable(root))) {
                throw new ConfigException(rootKey, "not a readable directory: " + root);
            }
            if (state.startsWith(resolved(root))) {
                throw new ConfigException(key, "must not be inside the root of backend "
                        + spec.name() + " (" + root + "), or its files would become objects");
            }
        }
    }

    /** Creates the state directory if missing and checks it can be written. */
    static Path createStateDir(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new ConfigException(PropertySnapshot.STATE_DIR, "cannot create directory " + stateDir + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isDirectory(stateDir) || !Files.isWritable(stateDir)) {
            throw new ConfigException(PropertySnapshot.STATE_DIR, "not a writable directory: " + stateDir);
        }
        return stateDir;
    }

    /** @return the path with its deepest existing ancestor resolved through symbolic links */
    static Path resolved(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
