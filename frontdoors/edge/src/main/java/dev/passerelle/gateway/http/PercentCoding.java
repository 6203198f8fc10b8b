package dev.passerelle.gateway.http;

import dev.passerelle.api.StorageException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-encoding of UTF-8 text (RFC 3986), used for object keys in URLs and for
 * non-ASCII user-metadata values in {@code X-Meta-*} headers. Unlike form decoding, {@code +} is a plus.
 */
public final class PercentCoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCoding() {
    }

    /**
     * @param encoded percent-encoded text
     * @param code the error code to use when it is malformed (e.g. {@code invalid_key})
     * @return the decoded text
     * @throws StorageException INVALID_ARGUMENT with that code for a bad escape or bytes that are not UTF-8
     */
    public static String decode(String encoded, String code) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length() || Character.digit(encoded.charAt(i + 1), 16) < 0 || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                    throw StorageException.invalid(code, "malformed percent-encoding");
                }
                out.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    b = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw StorageException.invalid(code, "percent-encoded bytes are not valid UTF-8");
        }
    }

    /**
     * Encodes for a header value: printable ASCII other than {@code %} stays as is, everything else
     * becomes {@code %XX} of its UTF-8 bytes.
     *
     * @return the header-safe form of the text
     */
    public static String encodeHeaderValue(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            if (v >= 0x20 && v < 0x7f && v != '%') {
                sb.append((char) v);
            } else {
                sb.append('%').append(HEX[v >> 4]).append(HEX[v & 0xf]);
            }
        }
        return sb.toString();
    }
}
