package dev.passerelle.api.spi;

import dev.passerelle.api.config.BackendKeys;
import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigType;
import dev.passerelle.api.config.ConfigValues;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of one named backend: everything under {@code passerelle.backends.<name>.}, with the
 * prefix removed. Backends read their own keys through {@link #get(ConfigKey)}, {@link #find(ConfigKey)}
 * and {@link #secret(ConfigKey)}: a key must be declared (a {@link ConfigKey} the provider lists in
 * {@link BlobStoreProvider#configKeys()}) to be read, and a problem is a {@link ConfigException} naming
 * the FULL key. The getters by key name are deprecated: they read an undeclared key, which the
 * unknown-key check refuses at start-up anyway.
 */
public final class BackendSettings {
    /** The default timeout of one backend call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The setting {@code read-only}: the backend is opened to be read only (the migration tool sets it
     * for plan, dry-run and verify). A backend that writes something when it opens (the filesystem
     * backend creates its root and temporary directory, and cleans stale temporary files) then writes
     * nothing, and refuses writes; a backend that writes nothing when it opens may ignore it.
     */
    public static final String READ_ONLY = "read-only";

    private final String name;
    private final Map<String, String> values;

    /**
     * @param name the backend's name (the {@code <name>} in the keys)
     * @param values the settings without the {@code passerelle.backends.<name>.} prefix
     */
    public BackendSettings(String name, Map<String, String> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** @return the backend's name */
    public String name() {
        return name;
    }

    /** @return the backend's type ({@code filesystem}, {@code azure}, ...) */
    public String type() {
        return require("type");
    }

    /** @return whether the backend is opened read-only ({@link #READ_ONLY}, default false) */
    public boolean readOnly() {
        return get(BackendKeys.READ_ONLY);
    }

    /** @return every setting (secrets included: never log this) */
    public Map<String, String> values() {
        return values;
    }

    /** @return the full configuration key of a setting, for messages */
    public String fullKey(String key) {
        return "passerelle.backends." + name + "." + key;
    }

    /** @return the value if set and not blank */
    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /**
     * @return the value
     * @throws ConfigException when missing
     */
    @Deprecated
    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigException(fullKey(key), "missing setting"));
    }

    /**
     * A secret given either directly ({@code key}) or as a file ({@code key-file}, whose content is
     * trimmed). Setting both is an error.
     *
     * @return the secret if configured
     * @throws ConfigException when both are set or the file cannot be read
     */
    @Deprecated
    public Optional<String> secret(String key) {
        return ConfigValues.readSecret(fullKey(key), get(key), get(key + "-file"));
    }

    /**
     * @return the secret
     * @throws ConfigException when neither {@code key} nor {@code key-file} is set
     */
    @Deprecated
    public String requireSecret(String key) {
        return secret(key).orElseThrow(() -> new ConfigException(fullKey(key), "missing setting (or " + key + "-file)"));
    }

    /** @return a boolean setting, or the default */
    @Deprecated
    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(fullKey(key), "expected true or false, got '" + v + "'");
        }).orElse(defaultValue);
    }

    /** @return an integer setting, or the default */
    @Deprecated
    public int getInt(String key, int defaultValue) {
        long v = getLong(key, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConfigException(fullKey(key), "value " + v + " is out of range");
        }
        return (int) v;
    }

    /** @return a long setting, or the default */
    @Deprecated
    public long getLong(String key, long defaultValue) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(fullKey(key), "expected a whole number, got '" + v.get() + "'");
        }
    }

    /**
     * A size such as {@code 8388608}, {@code 8MiB}, {@code 16M}, {@code 1GiB}.
     *
     * @return the size in bytes, or the default
     */
    @Deprecated
    public long getSize(String key, long defaultValue) {
        Optional<String> v = get(key);
        return v.isEmpty() ? defaultValue : parseSize(fullKey(key), v.get());
    }

    /**
     * A duration such as {@code 30s}, {@code 5m}, {@code 500ms} or ISO-8601 {@code PT30S}.
     *
     * @return the duration, or the default
     */
    @Deprecated
    public Duration getDuration(String key, Duration defaultValue) {
        Optional<String> v = get(key);
        return v.isEmpty() ? defaultValue : parseDuration(fullKey(key), v.get());
    }

    /** @return the timeout of one backend call ({@code timeout}, default 60 s) */
    public Duration timeout() {
        return get(BackendKeys.TIMEOUT);
    }

    /**
     * The one size grammar of every Passerelle setting: see {@link ConfigType#parseSize}.
     *
     * @throws ConfigException naming {@code fullKey} when malformed, negative or beyond 8 EiB
     */
    public static long parseSize(String fullKey, String value) {
        return ConfigType.parseSize(fullKey, value);
    }

    /**
     * The one duration grammar of every Passerelle setting: see {@link ConfigType#parseDuration}.
     *
     * @throws ConfigException naming {@code fullKey} when malformed
     */
    public static Duration parseDuration(String fullKey, String value) {
        return ConfigType.parseDuration(fullKey, value);
    }

    /**
     * @param key a declared key under {@link BackendKeys#PREFIX}
     * @return the value, else the declared default
     * @throws ConfigException when malformed, or unset without a default
     */
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new ConfigException(key.bind(name), "missing setting"));
    }

    /**
     * @param key a declared key under {@link BackendKeys#PREFIX}
     * @return the value, else the declared default, else empty
     * @throws ConfigException when malformed
     */
    public <T> Optional<T> find(ConfigKey<T> key) {
        String relative = key.relativeTo(BackendKeys.PREFIX);
        Optional<String> raw = get(relative);
        return raw.isPresent() ? Optional.of(key.parseValue(fullKey(relative), raw.get())) : key.parsedDefault();
    }

    /**
     * @param key a declared secret under {@link BackendKeys#PREFIX}
     * @return the secret, given directly or (when declared with a file form) as {@code <key>-file}
     */
    public Optional<String> secret(ConfigKey<String> key) {
        String relative = key.relativeTo(BackendKeys.PREFIX);
        return ConfigValues.readSecret(fullKey(relative), get(relative), key.fileForm() ? get(relative + "-file") : Optional.empty());
    }

    /** @return the secret; a {@link ConfigException} when unset */
    public String requireSecret(ConfigKey<String> key) {
        String relative = key.relativeTo(BackendKeys.PREFIX);
        return secret(key).orElseThrow(() -> new ConfigException(fullKey(relative), "missing setting"
                + (key.fileForm() ? " (or " + relative + "-file)" : "")));
    }

    /** @return whether a declared key is set (itself, or its {@code -file} form when it has one) */
    public boolean isSet(ConfigKey<?> key) {
        String relative = key.relativeTo(BackendKeys.PREFIX);
        return get(relative).isPresent() || key.fileForm() && get(relative + "-file").isPresent();
    }

    /** @return the full key under which a declared key is set (its {@code -file} form if only that is set) */
    public String setName(ConfigKey<?> key) {
        String relative = key.relativeTo(BackendKeys.PREFIX);
        return fullKey(key.fileForm() && get(relative).isEmpty() && get(relative + "-file").isPresent() ? relative + "-file" : relative);
    }
}
