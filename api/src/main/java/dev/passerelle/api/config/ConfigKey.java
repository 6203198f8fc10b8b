package dev.passerelle.api.config;

import dev.passerelle.api.spi.ConfigException;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting, declared as data: its name pattern, type, default, help and whether it is a secret.
 * Validation, the unknown-key check, the typed reads and the generated reference
 * ({@code docs/config-keys.md}) all come from these declarations.
 *
 * <p>A name is a full dotted key whose map-entry parts are placeholders in angle brackets:
 * {@code passerelle.backends.<name>.part-size}. A placeholder matches one segment (no dot), except
 * one ending in {@code ...} ({@code passerelle.backends.<name>.properties.<jclouds-property...>}),
 * which matches the rest of the key.
 *
 * @param name the name pattern
 * @param type the type and grammar of a value
 * @param defaultValue the default, written as an operator would write it (parsed by {@code type}), or null
 * @param defaultNote what the reference says about the default when it is not a fixed value
 *                    ({@code from the preset}), or null
 * @param help one or two sentences for the reference
 * @param secret whether the value is a secret (never logged; marked in the reference)
 * @param fileForm whether {@code <key>-file} (a file whose trimmed content is the value) is accepted too
 * @param required whether the setting must be given
 * @param choices the accepted values of an {@link ConfigType#ENUM}, lower case
 * @param <T> the Java type of a value
 */
public record ConfigKey<T>(String name, ConfigType<T> type, String defaultValue, String defaultNote, String help,
                           boolean secret, boolean fileForm, boolean required, List<String> choices) {
    private static final Pattern PLACEHOLDER = Pattern.compile("<([^>]+)>");

    /** Checks the declaration itself (a wrong default is a programming error). */
    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        help = help == null ? "" : help;
        choices = List.copyOf(choices);
        if (type == ConfigType.ENUM && choices.isEmpty()) {
            throw new IllegalArgumentException(name + ": an enum key needs its choices");
        }
        if (defaultValue != null) {
            Object parsed = type.parse(name, defaultValue);
            if (type == ConfigType.ENUM && !choices.contains(parsed)) {
                throw new IllegalArgumentException(name + ": the default " + defaultValue + " is not one of " + choices);
            }
        }
    }

    /** @return a key of the given type with no default, help or flags */
    public static <T> ConfigKey<T> of(String name, ConfigType<T> type) {
        return new ConfigKey<>(name, type, null, null, "", false, false, false, List.of());
    }

    /** @return a string key */
    public static ConfigKey<String> string(String name) {
        return of(name, ConfigType.STRING);
    }

    /** @return an int key */
    public static ConfigKey<Integer> integer(String name) {
        return of(name, ConfigType.INT);
    }

    /** @return a boolean key */
    public static ConfigKey<Boolean> bool(String name) {
        return of(name, ConfigType.BOOLEAN);
    }

    /** @return a size key */
    public static ConfigKey<Long> size(String name) {
        return of(name, ConfigType.SIZE);
    }

    /** @return a duration key */
    public static ConfigKey<java.time.Duration> duration(String name) {
        return of(name, ConfigType.DURATION);
    }

    /** @return a list key */
    public static ConfigKey<List<String>> list(String name) {
        return of(name, ConfigType.LIST);
    }

    /** @return a path key */
    public static ConfigKey<java.nio.file.Path> path(String name) {
        return of(name, ConfigType.PATH);
    }

    /** @return an enum key taking one of {@code choices} (compared in lower case) */
    public static ConfigKey<String> choice(String name, String... choices) {
        return new ConfigKey<>(name, ConfigType.ENUM, null, null, "", false, false, false,
                java.util.Arrays.stream(choices).map(c -> c.toLowerCase(Locale.ROOT)).toList());
    }

    /** @return this key with a default value (written as an operator would, e.g. {@code 16MiB}) */
    public ConfigKey<T> defaultValue(String value) {
        return new ConfigKey<>(name, type, value, defaultNote, help, secret, fileForm, required, choices);
    }

    /** @return this key with a note on its default for the reference ({@code from the preset}) */
    public ConfigKey<T> defaultNote(String note) {
        return new ConfigKey<>(name, type, defaultValue, note, help, secret, fileForm, required, choices);
    }

    /** @return this key with its help text */
    public ConfigKey<T> help(String text) {
        return new ConfigKey<>(name, type, defaultValue, defaultNote, text, secret, fileForm, required, choices);
    }

    /** @return this key marked as a secret that may also be given as {@code <key>-file} */
    public ConfigKey<T> markSecret() {
        return new ConfigKey<>(name, type, defaultValue, defaultNote, help, true, true, required, choices);
    }

    /** @return this key marked as a secret that has no {@code -file} form */
    public ConfigKey<T> markSecretNoFile() {
        return new ConfigKey<>(name, type, defaultValue, defaultNote, help, true, fileForm, required, choices);
    }

    /** @return this key marked as required */
    public ConfigKey<T> markRequired() {
        return new ConfigKey<>(name, type, defaultValue, defaultNote, help, secret, fileForm, true, choices);
    }

    /**
     * @param fullKey the key, for the message
     * @param value the value as written
     * @return the parsed value
     * @throws ConfigException naming {@code fullKey} when malformed
     */
    public T parseValue(String fullKey, String value) {
        T parsed = type.parse(fullKey, value);
        if (type == ConfigType.ENUM && !choices.contains(parsed)) {
            throw new ConfigException(fullKey, "expected one of " + String.join(", ", choices) + ", got '" + value.trim() + "'");
        }
        return parsed;
    }

    /** @return the parsed default, if one is declared */
    public Optional<T> parsedDefault() {
        return defaultValue == null ? Optional.empty() : Optional.of(parseValue(name, defaultValue));
    }

    /** @return the names of the placeholders, in order */
    public List<String> placeholders() {
        return PLACEHOLDER.matcher(name).results().map(r -> r.group(1)).toList();
    }

    /**
     * @param values one value per placeholder, in order
     * @return the full key with the placeholders filled in
     */
    public String bind(String... values) {
        List<String> holders = placeholders();
        if (holders.size() != values.length) {
            throw new IllegalArgumentException(name + " takes " + holders.size() + " names, got " + values.length);
        }
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(name);
        int i = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values[i++]));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** @return whether a full key is this setting (or its {@code -file} form, when it has one) */
    public boolean matches(String fullKey) {
        return pattern().matcher(fullKey).matches() || isFileForm(fullKey);
    }

    /** @return whether a full key is the {@code -file} form of this setting */
    public boolean isFileForm(String fullKey) {
        return fileForm && fullKey.endsWith("-file") && pattern().matcher(fullKey.substring(0, fullKey.length() - 5)).matches();
    }

    /** @return the part of the name after {@code prefix} (a pattern prefix such as {@code passerelle.backends.<name>.}) */
    public String relativeTo(String prefix) {
        if (!name.startsWith(prefix)) {
            throw new IllegalArgumentException(name + " is not under " + prefix);
        }
        return name.substring(prefix.length());
    }

    private Pattern pattern() {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(name);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(name.substring(last, m.start())));
            regex.append(m.group(1).endsWith("...") ? ".+" : "[^.]+");
            last = m.end();
        }
        regex.append(Pattern.quote(name.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
