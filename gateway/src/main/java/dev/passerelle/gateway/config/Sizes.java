package dev.passerelle.gateway.config;

import dev.passerelle.api.spi.ConfigException;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses byte sizes such as {@code 5T}, {@code 64MiB}, {@code 1048576} (binary multiples). */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+)\\s*([kmgtpe]?)(i?b)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "kmgtpe";

    private Sizes() {
    }

    /**
     * @param key the configuration key, for the error message
     * @param value a size: digits, optionally followed by K, M, G, T, P or E (powers of 1024) and an optional {@code B}/{@code iB}
     * @return the number of bytes, capped at {@link Long#MAX_VALUE}
     * @throws ConfigException naming the key when the value is not a size
     */
    public static long parse(String key, String value) {
        Matcher m = value == null ? null : SIZE.matcher(value);
        if (m == null || !m.matches()) {
            throw new ConfigException(key, "'" + value + "' is not a size (examples: 1048576, 64M, 5T)");
        }
        BigInteger n = new BigInteger(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        if (!unit.isEmpty()) {
            n = n.shiftLeft(10 * (UNITS.indexOf(unit) + 1));
        }
        return n.bitLength() > 63 ? Long.MAX_VALUE : n.longValueExact();
    }
}
