package dev.passerelle.api.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of one named backend: everything under {@code passerelle.backends.<name>.}, with the
 * prefix removed. Backends read their own keys through the typed getters, which throw a
 * {@link ConfigException} naming the FULL key on a missing or malformed value.
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
        return getBoolean(READ_ONLY, false);
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
    public Optional<String> secret(String key) {
        Optional<String> direct = get(key);
        Optional<String> file = get(key + "-file");
        if (direct.isPresent() && file.isPresent()) {
            throw new ConfigException(fullKey(key), "set either " + key + " or " + key + "-file, not both");
        }
        if (file.isPresent()) {
            Path p = Path.of(file.get());
            try {
                return Optional.of(Files.readString(p, StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new ConfigException(fullKey(key + "-file"), "cannot read secret file " + p + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return direct;
    }

    /**
     * @return the secret
     * @throws ConfigException when neither {@code key} nor {@code key-file} is set
     */
    public String requireSecret(String key) {
        return secret(key).orElseThrow(() -> new ConfigException(fullKey(key), "missing setting (or " + key + "-file)"));
    }

    /** @return a boolean setting, or the default */
    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(fullKey(key), "expected true or false, got '" + v + "'");
        }).orElse(defaultValue);
    }

    /** @return an integer setting, or the default */
    public int getInt(String key, int defaultValue) {
        long v = getLong(key, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConfigException(fullKey(key), "value " + v + " is out of range");
        }
        return (int) v;
    }

    /** @return a long setting, or the default */
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
    public long getSize(String key, long defaultValue) {
        Optional<String> v = get(key);
        return v.isEmpty() ? defaultValue : parseSize(fullKey(key), v.get());
    }

    /**
     * A duration such as {@code 30s}, {@code 5m}, {@code 500ms} or ISO-8601 {@code PT30S}.
     *
     * @return the duration, or the default
     */
    public Duration getDuration(String key, Duration defaultValue) {
        Optional<String> v = get(key);
        return v.isEmpty() ? defaultValue : parseDuration(fullKey(key), v.get());
    }

    /** @return the timeout of one backend call ({@code timeout}, default 60 s) */
    public Duration timeout() {
        return getDuration("timeout", DEFAULT_TIMEOUT);
    }

    /**
     * Parses a size: digits, optionally followed by a unit K, M, G, T, P or E (powers of 1024) written
     * alone or with {@code B} or {@code iB} ({@code 16M}, {@code 16MB}, {@code 16MiB}, {@code 16 mb}),
     * or a bare {@code B}. This is the one size grammar of every Passerelle setting (core, gateway, backends).
     *
     * @throws ConfigException naming {@code fullKey} when malformed, negative or beyond 8 EiB
     */
    public static long parseSize(String fullKey, String value) {
        java.util.regex.Matcher m = value == null ? null : SIZE.matcher(value);
        if (m == null || !m.matches()) {
            throw new ConfigException(fullKey, "expected a size such as 8MiB, 64M or 5T, got '" + value + "'");
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        if (unit.isEmpty() && m.group(3) != null && !m.group(3).equalsIgnoreCase("B")) {
            throw new ConfigException(fullKey, "expected a size such as 8MiB, 64M or 5T, got '" + value + "'");
        }
        try {
            long n = Long.parseLong(m.group(1));
            return unit.isEmpty() ? n : Math.multiplyExact(n, 1L << (10 * (SIZE_UNITS.indexOf(unit) + 1)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(fullKey, "the size '" + value + "' is beyond 8 EiB, the largest this setting takes");
        }
    }

    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("\\s*(\\d+)\\s*([KMGTPE]?)(I?B)?\\s*", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final String SIZE_UNITS = "KMGTPE";

    /**
     * Parses a duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, a bare number of seconds, or ISO-8601.
     *
     * @throws ConfigException naming {@code fullKey} when malformed
     */
    public static Duration parseDuration(String fullKey, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("-")) {
            throw new ConfigException(fullKey, "a duration must not be negative, got '" + value + "'");
        }
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigException(fullKey, "expected a duration such as 30s, got '" + value + "'");
        }
    }
}
