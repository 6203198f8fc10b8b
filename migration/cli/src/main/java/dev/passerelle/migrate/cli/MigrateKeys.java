package dev.passerelle.migrate.cli;

import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.api.config.ConfigValues;

import java.util.Optional;

/**
 * The migration tool's own {@code passerelle.*} keys, JVM system properties ({@code -D}, or
 * {@code JAVA_OPTS} for {@code bin/passerelle-migrate}). Its backends, buckets, KEKs and rules are
 * core's and the sovereign controls' keys; its command-line flags are documented by {@code --help}
 * (durations such as {@code --retry-delay} take the one duration grammar, sizes such as {@code --bwlimit} the one size grammar).
 */
public final class MigrateKeys {
    /** Listing entries sorted in memory per chunk by the external sort. */
    public static final ConfigKey<Integer> SORT_CHUNK = ConfigKey.integer("passerelle.migrate.sort-chunk").defaultValue("100000")
            .help("Listing entries the external sort of an unordered listing holds in memory per chunk (a system property).");
    /** Stack traces of internal errors. */
    public static final ConfigKey<Boolean> TRACE = ConfigKey.bool("passerelle.migrate.trace").defaultValue("false")
            .help("An internal error (exit code 70) also prints its stack trace (a system property).");

    /** Every key of the migration tool. */
    public static final ConfigKeys DECLARATION = ConfigKeys.of("migration-tool", "Migration tool (`passerelle-migrate`)",
            "The CLI reads core's keys (backends, buckets, state directory) and the sovereign controls' from `application.properties`, "
                    + "`--config FILE`, environment variables and `-D` system properties; only the backends a command names are started.",
            SORT_CHUNK, TRACE);

    private MigrateKeys() {
    }

    /** @return typed reads of the JVM's system properties */
    static ConfigValues systemProperties() {
        return ConfigValues.of(k -> Optional.ofNullable(System.getProperty(k)));
    }
}
