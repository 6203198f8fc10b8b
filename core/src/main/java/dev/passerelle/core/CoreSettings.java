package dev.passerelle.core;

import dev.passerelle.api.Names;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.config.BackendKeys;
import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.api.config.ConfigValues;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.core.decorators.RetryPolicy;
import dev.passerelle.sovereign.config.SovereignKeys;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Core's configuration, parsed and validated: every problem is a {@link ConfigException} whose
 * message is one line naming the key. Nothing here touches a backend or the disk.
 *
 * <p>Read from the dotted snapshot of {@link PropertySnapshot}, not through a SmallRye
 * {@code @ConfigMapping}: a mapping is generated with ASM at run time unless Quarkus pre-generates it
 * at build time (impossible for a mapping Quarkus does not discover, and fatal in a native image), and
 * a mapping rooted at {@code passerelle} would compete with the keys other parts own under that prefix.
 * Named maps whose entries carry arbitrary provider keys are read from property names either way.
 */
final class CoreSettings {
    /** The backend used when no backend is configured at all. */
    static final String EMBEDDED_BACKEND = "local";
    static final String EMBEDDED_TYPE = "filesystem";
    static final String EMBEDDED_ROOT = "./data";
    static final int DEFAULT_MAX_CONCURRENT_CALLS = 256;
    static final String DEFAULT_STATE_DIR = "./state";

    private static final Pattern BACKEND_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    /** One backend's common settings plus everything the provider gets. */
    record BackendSpec(String name, String type, String jurisdiction, Set<String> certifications,
                       Duration timeout, int maxConcurrentCalls, RetryPolicy retry, BackendSettings settings) {
    }

    final Path stateDir;
    /** the default backend; null only when parsed without requiring one and none is named or implied */
    final String defaultBackend;
    final SortedMap<String, BackendSpec> backends;
    final SortedMap<String, BucketConfig> buckets;

    private CoreSettings(Path stateDir, String defaultBackend, SortedMap<String, BackendSpec> backends, SortedMap<String, BucketConfig> buckets) {
        this.stateDir = stateDir;
        this.defaultBackend = defaultBackend;
        this.backends = backends;
        this.buckets = buckets;
    }

    /**
     * @param snapshot core's properties as dotted names (see {@link PropertySnapshot})
     * @return the validated settings, a default backend required
     * @throws ConfigException one line naming the key at fault
     */
    static CoreSettings parse(SortedMap<String, String> snapshot) {
        return parse(snapshot, true);
    }

    /**
     * @param snapshot core's properties as dotted names (see {@link PropertySnapshot})
     * @param defaultRequired whether the configuration must name or imply a default backend; when not,
     *        {@link #defaultBackend} is null unless it does
     * @return the validated settings
     * @throws ConfigException one line naming the key at fault
     */
    static CoreSettings parse(SortedMap<String, String> snapshot, boolean defaultRequired) {
        SortedMap<String, String> props = new TreeMap<>(snapshot);
        if (PropertySnapshot.namesUnder(props.keySet(), PropertySnapshot.BACKENDS).isEmpty()) {
            props.put(PropertySnapshot.BACKENDS + EMBEDDED_BACKEND + ".type", EMBEDDED_TYPE);
            props.put(PropertySnapshot.BACKENDS + EMBEDDED_BACKEND + ".root", EMBEDDED_ROOT);
        }
        SortedMap<String, BackendSpec> backends = new TreeMap<>();
        for (String name : PropertySnapshot.namesUnder(props.keySet(), PropertySnapshot.BACKENDS)) {
            backends.put(name, backend(name, subtree(props, PropertySnapshot.BACKENDS + name + ".")));
        }
        String defaultBackend = defaultBackend(opt(props.get(PropertySnapshot.DEFAULT_BACKEND)), backends, defaultRequired);
        SortedMap<String, BucketConfig> buckets = new TreeMap<>();
        for (String name : PropertySnapshot.namesUnder(props.keySet(), PropertySnapshot.BUCKETS)) {
            BucketConfig b = bucket(name, subtree(props, PropertySnapshot.BUCKETS + name + "."), defaultBackend, backends);
            for (BucketConfig other : buckets.values()) {
                if (other.backend().equals(b.backend()) && other.container().equals(b.container())) {
                    throw new ConfigException(b.fullKey("container"), "container '" + b.container() + "' at backend " + b.backend()
                            + " is already the container of bucket " + other.name());
                }
            }
            buckets.put(name, b);
        }
        String stateDir = opt(props.get(PropertySnapshot.STATE_DIR)).orElse(CoreKeys.STATE_DIR.defaultValue());
        return new CoreSettings(path(PropertySnapshot.STATE_DIR, stateDir), defaultBackend, backends, buckets);
    }

    private static BackendSpec backend(String name, Map<String, String> values) {
        String prefix = PropertySnapshot.BACKENDS + name;
        if (!BACKEND_NAME.matcher(name).matches()) {
            throw new ConfigException(prefix, "invalid backend name (letters, digits, '-' and '_' only)");
        }
        BackendSettings settings = new BackendSettings(name, values);
        String type = settings.find(BackendKeys.TYPE).map(t -> t.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ConfigException(settings.fullKey("type"), "missing setting (the backend type, e.g. filesystem)"));
        String jurisdiction = settings.get(SovereignKeys.BACKEND_JURISDICTION).toUpperCase(Locale.ROOT);
        Set<String> certifications = new TreeSet<>(settings.find(SovereignKeys.BACKEND_CERTIFICATIONS).orElse(List.of()));
        Duration timeout = positive(settings, "timeout", settings.timeout());
        int maxCalls = settings.get(CoreKeys.MAX_CONCURRENT_CALLS);
        if (maxCalls < 1 || maxCalls > 10_000) {
            throw new ConfigException(settings.fullKey("max-concurrent-calls"), "must be between 1 and 10000, got " + maxCalls);
        }
        RetryPolicy retry = new RetryPolicy(
                attempts(settings.fullKey("retry-max-attempts"), settings.get(CoreKeys.RETRY_MAX_ATTEMPTS)),
                settings.get(CoreKeys.RETRY_INITIAL_BACKOFF),
                settings.get(CoreKeys.RETRY_MAX_BACKOFF));
        if (retry.initialBackoff().isNegative() || retry.maxBackoff().compareTo(retry.initialBackoff()) < 0) {
            throw new ConfigException(settings.fullKey("retry-max-backoff"), "must not be shorter than retry-initial-backoff");
        }
        return new BackendSpec(name, type, jurisdiction, certifications, timeout, maxCalls, retry, settings);
    }

    private static String defaultBackend(Optional<String> value, SortedMap<String, BackendSpec> backends, boolean required) {
        if (value.isPresent()) {
            if (!backends.containsKey(value.get())) {
                throw new ConfigException(PropertySnapshot.DEFAULT_BACKEND,
                        "unknown backend '" + value.get() + "' (configured: " + String.join(", ", backends.keySet()) + ")");
            }
            return value.get();
        }
        if (backends.size() == 1) {
            return backends.firstKey();
        }
        if (backends.containsKey(EMBEDDED_BACKEND)) {
            return EMBEDDED_BACKEND;
        }
        if (!required) {
            return null;
        }
        throw new ConfigException(PropertySnapshot.DEFAULT_BACKEND,
                "missing setting: " + backends.size() + " backends are configured (" + String.join(", ", backends.keySet()) + "), name the default one");
    }

    private static BucketConfig bucket(String name, Map<String, String> values,
                                       String defaultBackend, Map<String, BackendSpec> backends) {
        try {
            Names.validateContainer(name);
        } catch (StorageException e) {
            throw new ConfigException(PropertySnapshot.BUCKETS + name, "invalid bucket name: " + e.detail());
        }
        Map<String, String> full = new TreeMap<>();
        values.forEach((k, v) -> full.put(BucketConfig.fullKey(name, k), v));
        ConfigKeys.check(full, List.of(CoreKeys.ALL_BUCKET_KEYS));
        ConfigValues bucket = ConfigValues.of(full);
        String backend = bucket.find(CoreKeys.BUCKET_BACKEND, name).orElse(defaultBackend);
        if (backend == null) {
            throw new ConfigException(BucketConfig.fullKey(name, "backend"), "missing setting (and no passerelle.default-backend)");
        }
        if (!backends.containsKey(backend)) {
            throw new ConfigException(BucketConfig.fullKey(name, "backend"),
                    "unknown backend '" + backend + "' (configured: " + String.join(", ", backends.keySet()) + ")");
        }
        String container = bucket.find(CoreKeys.BUCKET_CONTAINER, name).orElse(name);
        try {
            Names.validateContainer(container);
        } catch (StorageException e) {
            throw new ConfigException(BucketConfig.fullKey(name, "container"), "invalid container name: " + e.detail());
        }
        boolean readOnly = bucket.get(CoreKeys.BUCKET_READ_ONLY, name);
        Map<String, String> others = new TreeMap<>(values);
        others.keySet().removeAll(Set.of("backend", "container", "read-only"));
        BucketConfig config = new BucketConfig(name, backend, container, readOnly, others);
        bucket.find(CoreKeys.BUCKET_RETRY_MAX_ATTEMPTS, name).ifPresent(v -> attempts(config.fullKey("retry-max-attempts"), v));
        return config;
    }

    /** Parses a bucket's number of attempts (1..100), else the default. */
    static int attempts(String fullKey, Optional<String> value, int defaultValue) {
        return value.map(v -> attempts(fullKey, CoreKeys.BUCKET_RETRY_MAX_ATTEMPTS.parseValue(fullKey, v))).orElse(defaultValue);
    }

    /** Checks a number of attempts (1..100). */
    static int attempts(String fullKey, int n) {
        if (n < 1 || n > 100) {
            throw new ConfigException(fullKey, "expected a number of attempts between 1 and 100, got '" + n + "'");
        }
        return n;
    }

    private static Duration positive(BackendSettings settings, String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(settings.fullKey(key), "must be a positive duration, got " + settings.get(key).orElse(""));
        }
        return value;
    }

    static Path path(String key, String value) {
        try {
            return Path.of(value.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(key, "not a valid path: '" + value + "'");
        }
    }

    private static Optional<String> opt(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Map<String, String> subtree(Map<String, String> props, String prefix) {
        Map<String, String> out = new TreeMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
