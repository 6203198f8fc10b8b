package dev.passerelle.core;

import dev.passerelle.api.config.BackendKeys;
import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.sovereign.config.SovereignKeys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys core reads: the state directory, the default backend, every backend's common keys and
 * each bucket's route. With the sovereign keys and each backend type's own, they are all that may
 * appear under {@code passerelle.backends.*} and {@code passerelle.buckets.*}.
 */
public final class CoreKeys {
    private static final String B = BackendKeys.PREFIX;
    private static final String BUCKET = "passerelle.buckets.<bucket>.";

    /** Where the gateway and the CLI keep their own files. */
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.path("passerelle.state-dir").defaultValue("./state")
            .help("Where the gateway and CLI keep their own files (admin token, journals, audit). Created if missing; must not be inside any backend's `root`.");
    /** The backend of buckets without a route. */
    public static final ConfigKey<String> DEFAULT_BACKEND = ConfigKey.string("passerelle.default-backend")
            .defaultNote("the only backend, else `local` if configured")
            .help("Backend of buckets without a route. The gateway requires it when more than one backend is configured (unless one is named `local`); "
                    + "the migration tool does not (every location names its backend).");
    /** Calls in flight at once to one backend. */
    public static final ConfigKey<Integer> MAX_CONCURRENT_CALLS = ConfigKey.integer(B + "max-concurrent-calls").defaultValue("256")
            .help("Calls in flight at once to this backend (1..10000); more fail fast with 503 `backend_unavailable` (retryable).");
    /** Attempts per call. */
    public static final ConfigKey<Integer> RETRY_MAX_ATTEMPTS = ConfigKey.integer(B + "retry-max-attempts").defaultValue("3")
            .help("Attempts per call including the first (1..100); `1` disables retries.");
    /** First back-off bound. */
    public static final ConfigKey<Duration> RETRY_INITIAL_BACKOFF = ConfigKey.duration(B + "retry-initial-backoff").defaultValue("100ms")
            .help("Upper bound of the first wait between attempts (full jitter).");
    /** Largest back-off bound. */
    public static final ConfigKey<Duration> RETRY_MAX_BACKOFF = ConfigKey.duration(B + "retry-max-backoff").defaultValue("2s")
            .help("Largest upper bound of any wait; not shorter than `retry-initial-backoff`.");
    /** A bucket's backend. */
    public static final ConfigKey<String> BUCKET_BACKEND = ConfigKey.string(BUCKET + "backend").defaultNote("the default backend")
            .help("Which backend keeps the bucket.");
    /** A bucket's container. */
    public static final ConfigKey<String> BUCKET_CONTAINER = ConfigKey.string(BUCKET + "container").defaultNote("`<bucket>`")
            .help("Container name at that backend (useful when the name is taken at a host with global names).");
    /** A read-only bucket. */
    public static final ConfigKey<Boolean> BUCKET_READ_ONLY = ConfigKey.bool(BUCKET + "read-only").defaultValue("false")
            .help("Refuse every write and delete with 403 `read_only` (e.g. during a cut-over).");
    /** A bucket's retry attempts. */
    public static final ConfigKey<Integer> BUCKET_RETRY_MAX_ATTEMPTS = ConfigKey.integer(BUCKET + "retry-max-attempts").defaultNote("the backend's")
            .help("Per-bucket override of the retry attempts (1..100).");

    /** The keys core itself reads under {@code passerelle.backends.<name>.} (besides the sovereign ones). */
    static final List<ConfigKey<?>> BACKEND = List.of(BackendKeys.TYPE, BackendKeys.TIMEOUT, BackendKeys.READ_ONLY,
            MAX_CONCURRENT_CALLS, RETRY_MAX_ATTEMPTS, RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF);
    /** The keys core reads under {@code passerelle.buckets.<bucket>.}. */
    static final List<ConfigKey<?>> BUCKET_KEYS = List.of(BUCKET_BACKEND, BUCKET_CONTAINER, BUCKET_READ_ONLY, BUCKET_RETRY_MAX_ATTEMPTS);

    /** Every key core declares. */
    public static final ConfigKeys DECLARATION = declaration();

    /** The keys any bucket may carry: core's and the sovereign controls'. */
    static final ConfigKeys ALL_BUCKET_KEYS = ConfigKeys.of("buckets", "", "", BUCKET_BACKEND, BUCKET_CONTAINER, BUCKET_READ_ONLY,
            BUCKET_RETRY_MAX_ATTEMPTS, SovereignKeys.BUCKET_ENCRYPTION, SovereignKeys.BUCKET_CLASSIFICATION, SovereignKeys.BUCKET_AUDIT);
    /** The keys any backend may carry besides its type's own: core's and the sovereign controls'. */
    static final ConfigKeys COMMON_BACKEND_KEYS = ConfigKeys.of("backends", "", "", BackendKeys.TYPE, BackendKeys.TIMEOUT, BackendKeys.READ_ONLY,
            MAX_CONCURRENT_CALLS, RETRY_MAX_ATTEMPTS, RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF,
            SovereignKeys.BACKEND_JURISDICTION, SovereignKeys.BACKEND_CERTIFICATIONS);

    private static ConfigKeys declaration() {
        List<ConfigKey<?>> all = new ArrayList<>();
        all.add(STATE_DIR);
        all.add(DEFAULT_BACKEND);
        all.addAll(BACKEND);
        all.addAll(BUCKET_KEYS);
        return new ConfigKeys("core", "Core: backends, buckets, routing (gateway and CLI)",
                "With no configuration at all, one filesystem backend named `local`, rooted at `./data`, is the default backend. "
                        + "Everything under `passerelle.backends.<name>.` is handed to the backend type's provider: its own keys are in its section below.",
                all);
    }

    private CoreKeys() {
    }
}
