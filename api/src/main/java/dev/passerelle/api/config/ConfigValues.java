package dev.passerelle.api.config;

import dev.passerelle.api.spi.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of declared keys over any source of values (a map, MicroProfile Config): the only way
 * a setting is read, so a key cannot be read without being declared. Every problem is a
 * {@link ConfigException} naming the full key.
 */
public final class ConfigValues {
    private final Function<String, Optional<String>> lookup;

    private ConfigValues(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** @return reads over a lookup of full keys (blank values count as unset) */
    public static ConfigValues of(Function<String, Optional<String>> lookup) {
        return new ConfigValues(lookup);
    }

    /** @return reads over a map of full keys (blank values count as unset) */
    public static ConfigValues of(Map<String, String> values) {
        return new ConfigValues(k -> Optional.ofNullable(values.get(k)));
    }

    /**
     * @param key the declared key
     * @param names one name per placeholder of the key
     * @return the value, else the declared default
     * @throws ConfigException when malformed, or when unset without a default
     */
    public <T> T get(ConfigKey<T> key, String... names) {
        String full = key.bind(names);
        return find(key, names).orElseThrow(() -> new ConfigException(full, "missing setting"));
    }

    /** @return the value, else the declared default, else empty */
    public <T> Optional<T> find(ConfigKey<T> key, String... names) {
        String full = key.bind(names);
        Optional<String> raw = raw(full);
        return raw.isPresent() ? Optional.of(key.parseValue(full, raw.get())) : key.parsedDefault();
    }

    /** @return the value as written (trimmed), if set */
    public Optional<String> raw(ConfigKey<?> key, String... names) {
        return raw(key.bind(names));
    }

    /**
     * A secret given either directly ({@code key}) or, when the key has a file form, as a file
     * ({@code key-file}, whose content is trimmed). Setting both is an error.
     *
     * @return the secret if configured
     */
    public Optional<String> secret(ConfigKey<String> key, String... names) {
        String full = key.bind(names);
        return readSecret(full, raw(full), key.fileForm() ? raw(full + "-file") : Optional.empty());
    }

    private Optional<String> raw(String fullKey) {
        return lookup.apply(fullKey).filter(v -> !v.isBlank()).map(String::trim);
    }

    /**
     * The one reading of a secret and its {@code -file} form.
     *
     * @param fullKey the secret's key
     * @param direct the value of {@code fullKey}
     * @param file the value of {@code fullKey-file}
     * @return the secret, if either is set
     * @throws ConfigException when both are set or the file cannot be read
     */
    public static Optional<String> readSecret(String fullKey, Optional<String> direct, Optional<String> file) {
        if (direct.isPresent() && file.isPresent()) {
            String last = fullKey.substring(fullKey.lastIndexOf('.') + 1);
            throw new ConfigException(fullKey, "set either " + last + " or " + last + "-file, not both");
        }
        if (file.isPresent()) {
            Path p = Path.of(file.get());
            try {
                return Optional.of(Files.readString(p, StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new ConfigException(fullKey + "-file", "cannot read secret file " + p + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return direct;
    }
}
