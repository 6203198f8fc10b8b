package dev.passerelle.sovereign.config;

import dev.passerelle.api.spi.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A read-only view of the {@code passerelle.*} configuration, independent of any config library:
 * core builds it from smallrye-config (property names plus a lookup), tests from a map. Getters
 * throw a {@link ConfigException} naming the full key on a malformed value.
 */
public final class SovereignProperties {
    private final Map<String, String> values;

    private SovereignProperties(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** @return the properties of a map (blank values count as unset) */
    public static SovereignProperties of(Map<String, String> properties) {
        Map<String, String> m = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                m.put(k, v.trim());
            }
        });
        return new SovereignProperties(m);
    }

    /**
     * @param names every property name known (e.g. smallrye's {@code Config.getPropertyNames()}); only {@code passerelle.*} ones are read
     * @param lookup the value of a property, if set
     * @return the properties
     */
    public static SovereignProperties of(Iterable<String> names, Function<String, Optional<String>> lookup) {
        Map<String, String> m = new TreeMap<>();
        for (String n : names) {
            if (n.startsWith("passerelle.")) {
                lookup.apply(n).ifPresent(v -> m.put(n, v));
            }
        }
        return of(m);
    }

    /** @return the value if set and not blank */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** @return the value, or the default */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /**
     * @return the value
     * @throws ConfigException naming the key when it is not set
     */
    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigException(key, "missing setting"));
    }

    /** @return a boolean, or the default; only true/false/yes/no/on/off are accepted */
    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key, "expected true or false, got '" + v + "'");
        }).orElse(defaultValue);
    }

    /** @return a comma-separated list (trimmed, empty entries dropped); empty when unset */
    public List<String> getList(String key) {
        List<String> out = new ArrayList<>();
        get(key).ifPresent(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add));
        return out;
    }

    /**
     * @param prefix e.g. {@code passerelle.buckets.}
     * @return the distinct names right after the prefix, up to the next dot (e.g. bucket names)
     */
    public Set<String> children(String prefix) {
        Set<String> out = new TreeSet<>();
        for (String k : values.keySet()) {
            if (k.startsWith(prefix)) {
                String rest = k.substring(prefix.length());
                int dot = rest.indexOf('.');
                out.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return out;
    }

    /** @return every key starting with the prefix */
    public Set<String> keysUnder(String prefix) {
        Set<String> out = new TreeSet<>();
        for (String k : values.keySet()) {
            if (k.startsWith(prefix)) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Reads a secret file (trimmed text) named by a setting.
     *
     * @throws ConfigException naming the key when the file cannot be read
     */
    public String readTextFile(String key) {
        Path p = Path.of(require(key));
        try {
            return Files.readString(p, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read file " + p + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Reads a binary file named by a setting.
     *
     * @throws ConfigException naming the key when the file cannot be read
     */
    public byte[] readFile(String key) {
        Path p = Path.of(require(key));
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read file " + p + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * @param key a declared key
     * @param names one name per placeholder of the key
     * @return the value, else the declared default
     * @throws ConfigException when malformed, or unset without a default
     */
    public <T> T get(dev.passerelle.api.config.ConfigKey<T> key, String... names) {
        return dev.passerelle.api.config.ConfigValues.of(values).get(key, names);
    }

    /** @return the value of a declared key, else its declared default, else empty */
    public <T> Optional<T> find(dev.passerelle.api.config.ConfigKey<T> key, String... names) {
        return dev.passerelle.api.config.ConfigValues.of(values).find(key, names);
    }

    /** @return the values under a prefix, as full keys (for the unknown-key check) */
    public Map<String, String> valuesUnder(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
