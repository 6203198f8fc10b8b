package dev.passerelle.api.config;

import java.util.List;

/**
 * The keys every backend has, whatever its type, read through {@link dev.passerelle.api.spi.BackendSettings}.
 * A provider declares its own keys (all under {@link #PREFIX}) through
 * {@link dev.passerelle.api.spi.BlobStoreProvider#configKeys()}; core declares the ones it reads itself.
 */
public final class BackendKeys {
    /** The pattern prefix of every backend key. */
    public static final String PREFIX = "passerelle.backends.<name>.";

    /** The backend type. */
    public static final ConfigKey<String> TYPE = ConfigKey.string(PREFIX + "type").markRequired()
            .help("The backend type (`filesystem`, `azure`, `s3`, `jclouds`, ...), found on the class path through `ServiceLoader`.");
    /** The timeout of one backend call. */
    public static final ConfigKey<java.time.Duration> TIMEOUT = ConfigKey.duration(PREFIX + "timeout").defaultValue("60s")
            .help("Timeout of one backend call: metadata calls must answer within it, a download must start within it, "
                    + "an upload may leave the backend idle at most this long; over it the call fails with 504 `backend_timeout` (retryable).");
    /** Open the backend to be read only. */
    public static final ConfigKey<Boolean> READ_ONLY = ConfigKey.bool(PREFIX + "read-only").defaultValue("false")
            .help("Open the backend to be read only: a backend that writes when it opens (filesystem) writes nothing and refuses writes. "
                    + "The migration tool sets it for `plan`, `copy --dry-run` and `verify`.");

    /** Every key above. */
    public static final List<ConfigKey<?>> ALL = List.of(TYPE, TIMEOUT, READ_ONLY);

    private BackendKeys() {
    }
}
