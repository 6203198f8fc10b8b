package dev.passerelle.gateway.http;

import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Conversions between HTTP header values and the contract's types. */
public final class HttpHeadersSupport {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private HttpHeadersSupport() {
    }

    /** @return the ETag in its wire form, quoted */
    public static String quoteEtag(String bare) {
        return "\"" + bare + "\"";
    }

    /** @return an IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT} */
    public static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(instant);
    }

    /** @return the instant of an HTTP date, or null when absent or not a valid date (RFC 9110 then ignores the header) */
    public static Instant parseHttpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim(), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Reads the four conditional headers of a request.
     *
     * @param header the request's headers by name
     * @return the conditions (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since)
     */
    public static Conditions conditions(Function<String, String> header) {
        return new Conditions(blankToNull(header.apply("If-Match")), blankToNull(header.apply("If-None-Match")),
                parseHttpDate(header.apply("If-Modified-Since")), parseHttpDate(header.apply("If-Unmodified-Since")));
    }

    /**
     * @param contentMd5 a Content-MD5 header (base64 of 16 bytes), or null
     * @return the lowercase hex MD5, or null when absent
     * @throws StorageException INVALID_ARGUMENT {@code invalid_content_md5} when it is not base64 of 16 bytes
     */
    public static String md5FromHeader(String contentMd5) {
        if (contentMd5 == null) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(contentMd5.trim());
            if (bytes.length == 16) {
                return Hex.encode(bytes);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw StorageException.invalid("invalid_content_md5", "Content-MD5 must be the base64 of a 16-byte MD5 digest");
    }

    /**
     * @param sha256 an X-Checksum-SHA256 header (64 hex characters), or null
     * @return the lowercase hex, or null when absent
     * @throws StorageException INVALID_ARGUMENT {@code invalid_checksum} when it is not 64 hex characters
     */
    public static String sha256FromHeader(String sha256) {
        if (sha256 == null) {
            return null;
        }
        String v = sha256.trim();
        if (!SHA256_HEX.matcher(v).matches()) {
            throw StorageException.invalid("invalid_checksum", "X-Checksum-SHA256 must be 64 hexadecimal characters");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /**
     * @param contentLength the Content-Length header, or null
     * @param maxObjectSize the largest object accepted
     * @return the declared length, or -1 when the body is sent without a length (chunked)
     * @throws StorageException INVALID_ARGUMENT for a malformed value, PAYLOAD_TOO_LARGE past the limit
     */
    public static long declaredLength(String contentLength, long maxObjectSize) {
        if (contentLength == null) {
            return -1;
        }
        long n;
        try {
            n = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw StorageException.invalid("invalid_content_length", "Content-Length must be a non-negative integer");
        }
        if (n < 0) {
            throw StorageException.invalid("invalid_content_length", "Content-Length must be a non-negative integer");
        }
        if (n > maxObjectSize) {
            throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "an object of " + n + " bytes exceeds this gateway's limit of " + maxObjectSize + " bytes");
        }
        return n;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
