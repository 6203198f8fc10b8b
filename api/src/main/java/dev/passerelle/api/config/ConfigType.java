package dev.passerelle.api.config;

import dev.passerelle.api.spi.ConfigException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a setting and its one grammar. Every Passerelle setting of a type is parsed here, so a
 * size or a duration means the same thing in core, the gateway, sovereign, the CLI and every backend.
 *
 * @param <T> the Java type a value parses to
 */
public final class ConfigType<T> {
    /** Any text, trimmed. */
    public static final ConfigType<String> STRING = new ConfigType<>("string", "text", (k, v) -> v);
    /** A whole number ({@code int}). */
    public static final ConfigType<Integer> INT = new ConfigType<>("int", "a whole number", ConfigType::parseInt);
    /** {@code true}/{@code false} (also {@code yes}/{@code no}, {@code on}/{@code off}). */
    public static final ConfigType<Boolean> BOOLEAN = new ConfigType<>("boolean", "true or false", ConfigType::parseBoolean);
    /** A size in bytes: see {@link #parseSize}. */
    public static final ConfigType<Long> SIZE = new ConfigType<>("size", "bytes, or with K/M/G/T/P/E (powers of 1024), each also as KB or KiB: 8MiB, 64M, 5T",
            ConfigType::parseSize);
    /** A duration: see {@link #parseDuration}. */
    public static final ConfigType<Duration> DURATION = new ConfigType<>("duration", "500ms, 30s, 5m, 1h, 2d, a bare number of seconds, or ISO-8601 (PT30S)",
            ConfigType::parseDuration);
    /** One of the key's declared choices, compared in lower case. */
    public static final ConfigType<String> ENUM = new ConfigType<>("enum", "one of the listed values", (k, v) -> v.toLowerCase(Locale.ROOT));
    /** A comma-separated list; blanks around entries and empty entries are dropped. */
    public static final ConfigType<List<String>> LIST = new ConfigType<>("list", "comma-separated values", ConfigType::parseList);
    /** A file system path (not checked for existence here). */
    public static final ConfigType<Path> PATH = new ConfigType<>("path", "a file or directory path", ConfigType::parsePath);

    private final String name;
    private final String grammar;
    private final BiFunction<String, String, T> parser;

    private ConfigType(String name, String grammar, BiFunction<String, String, T> parser) {
        this.name = name;
        this.grammar = grammar;
        this.parser = parser;
    }

    /** @return the type's name as the reference shows it ({@code size}, {@code duration}, ...) */
    public String name() {
        return name;
    }

    /** @return what a value of this type looks like, for the reference */
    public String grammar() {
        return grammar;
    }

    /**
     * @param fullKey the key, for the message
     * @param value the trimmed, non-blank value
     * @return the parsed value
     * @throws ConfigException naming {@code fullKey} when malformed
     */
    public T parse(String fullKey, String value) {
        return parser.apply(fullKey, value.trim());
    }

    @Override
    public String toString() {
        return name;
    }

    static Integer parseInt(String fullKey, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(fullKey, "expected a whole number, got '" + value + "'");
        }
    }

    static Boolean parseBoolean(String fullKey, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(fullKey, "expected true or false, got '" + value + "'");
        };
    }

    static List<String> parseList(String fullKey, String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Path parsePath(String fullKey, String value) {
        try {
            return Path.of(value.trim());
        } catch (InvalidPathException e) {
            throw new ConfigException(fullKey, "not a valid path: '" + value + "'");
        }
    }

    /**
     * Parses a size: digits, optionally followed by a unit K, M, G, T, P or E (powers of 1024) written
     * alone or with {@code B} or {@code iB} ({@code 16M}, {@code 16MB}, {@code 16MiB}, {@code 16 mb}),
     * or a bare {@code B}. The one size grammar of every Passerelle setting.
     *
     * @throws ConfigException naming {@code fullKey} when malformed, negative or beyond 8 EiB
     */
    public static long parseSize(String fullKey, String value) {
        Matcher m = value == null ? null : SIZE_PATTERN.matcher(value);
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

    private static final Pattern SIZE_PATTERN = Pattern.compile("\\s*(\\d+)\\s*([KMGTPE]?)(I?B)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final String SIZE_UNITS = "KMGTPE";
    private static final Pattern DURATION_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    /**
     * Parses a duration, the one duration grammar of every Passerelle setting and CLI flag: a whole
     * number followed by {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} ({@code 500ms},
     * {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}), a bare whole number of seconds, or ISO-8601
     * ({@code PT30S}, {@code P1DT2H}). Case does not matter; negative durations are refused.
     * (Quarkus' own {@code quarkus.*} durations take the same forms.)
     *
     * @throws ConfigException naming {@code fullKey} when malformed or negative
     */
    public static Duration parseDuration(String fullKey, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("-")) {
            throw new ConfigException(fullKey, "a duration must not be negative, got '" + value + "'");
        }
        try {
            if (v.startsWith("p")) {
                Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new ConfigException(fullKey, "a duration must not be negative, got '" + value + "'");
                }
                return d;
            }
            Matcher m = DURATION_UNIT.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        throw new ConfigException(fullKey, "expected a duration such as 500ms, 30s, 5m, 1h, 2d or PT30S, got '" + value + "'");
    }
}
