package dev.passerelle.backend.filesystem;

import dev.passerelle.api.config.BackendKeys;
import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;

import java.nio.file.Path;
import java.time.Duration;

/** The keys of backend type {@code filesystem}, under {@code passerelle.backends.<name>.}. */
final class FilesystemKeys {
    private static final String P = BackendKeys.PREFIX;

    static final ConfigKey<Path> ROOT = ConfigKey.path(P + "root").markRequired()
            .help("The directory whose subdirectories are the containers. The managed layout creates it if missing; the plain layout needs it to exist.");
    static final ConfigKey<String> LAYOUT = ConfigKey.choice(P + "layout", "managed", "plain").defaultValue("managed")
            .help("`managed`: Passerelle owns the directory (one file per object with a trailer of metadata and checksums); "
                    + "`plain`: an existing tree of ordinary files, each file an object (needs a UTF-8 locale).");
    static final ConfigKey<Boolean> HEAD_CHECKSUMS = ConfigKey.bool(P + "head-checksums").defaultValue("false")
            .help("Plain layout only: `head` reads the whole file to report SHA-256 and MD5.");
    static final ConfigKey<Duration> STALE_TEMP_AFTER = ConfigKey.duration(P + "stale-temp-after").defaultValue("1h")
            .help("Temporary files of interrupted puts untouched this long are removed at start.");
    static final ConfigKey<Long> MAX_OBJECT_SIZE = ConfigKey.size(P + "max-object-size").defaultValue("5TiB")
            .help("Larger puts fail with `PAYLOAD_TOO_LARGE`.");

    static final ConfigKeys DECLARATION = ConfigKeys.of("backend-filesystem", "Filesystem backend (`type=filesystem`)",
            "The embedded default: containers are directories under a root.",
            ROOT, LAYOUT, HEAD_CHECKSUMS, STALE_TEMP_AFTER, MAX_OBJECT_SIZE);

    private FilesystemKeys() {
    }
}
