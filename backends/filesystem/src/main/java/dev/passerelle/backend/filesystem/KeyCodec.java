package dev.passerelle.backend.filesystem;

import dev.passerelle.api.io.Hex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How the managed layout names files: each key segment (the parts between {@code /}) becomes one
 * directory or file name with a one-letter type prefix, so a name can never be {@code .}, {@code ..},
 * empty, contain a separator, or equal an internal name:
 *
 * <ul>
 *   <li>{@code o<escaped>}: an object whose last segment is the unescaped text</li>
 *   <li>{@code d<escaped>}: a directory holding keys that continue with {@code segment/}</li>
 *   <li>{@code p<sha256>}: an object whose segment is too long for a file name (the key is read from its trailer)</li>
 *   <li>{@code e<sha256>}: a directory whose segment is too long (the segment is in its {@value #SEGMENT_FILE} file)</li>
 *   <li>names starting with {@code !} are internal; anything else is not ours and is ignored</li>
 * </ul>
 *
 * <p>Escaping is percent-encoding of the UTF-8 bytes of {@code % / \ : * ? " < > |}, of controls and of
 * every non-ASCII byte, so names are plain ASCII: they survive a JVM started without a UTF-8 locale
 * and filesystems that normalise Unicode. The mapping is one-to-one. Filesystems that fold case
 * (default macOS and Windows volumes) break the one-to-one property and are not supported.
 */
final class KeyCodec {
    /** Name of the file holding a long directory segment. */
    static final String SEGMENT_FILE = "!seg";
    /** Longest file name we produce (255 is the usual limit; keep a margin). */
    static final int MAX_NAME_BYTES = 240;
    private static final String ESCAPED = "%/\\:*?\"<>|";
    private static final String HEX_DIGITS = "0123456789ABCDEF";

    private KeyCodec() {
    }

    /** @return the name of the file holding an object whose last segment is {@code segment} */
    static String objectName(String segment) {
        String enc = escape(segment);
        return enc.getBytes(StandardCharsets.UTF_8).length + 1 <= MAX_NAME_BYTES ? "o" + enc : "p" + hash(segment);
    }

    /** @return the name of the directory for keys continuing with {@code segment + "/"} */
    static String dirName(String segment) {
        String enc = escape(segment);
        return enc.getBytes(StandardCharsets.UTF_8).length + 1 <= MAX_NAME_BYTES ? "d" + enc : "e" + hash(segment);
    }

    /** @return whether a directory name is the hashed form (holds a {@value #SEGMENT_FILE} file) */
    static boolean isLongDir(String name) {
        return name.startsWith("e");
    }

    /**
     * @return the segment of an {@code o} or {@code d} name, or null when the name is not one of ours
     */
    static String decodePlainName(String name) {
        if (name.length() < 1 || (name.charAt(0) != 'o' && name.charAt(0) != 'd')) {
            return null;
        }
        return unescape(name.substring(1));
    }

    static String escape(String segment) {
        byte[] utf8 = segment.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(utf8.length + 8);
        for (byte raw : utf8) {
            int b = raw & 0xFF;
            if (b < 0x20 || b >= 0x7F || ESCAPED.indexOf(b) >= 0) {
                sb.append('%').append(HEX_DIGITS.charAt(b >> 4)).append(HEX_DIGITS.charAt(b & 0xF));
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    static String unescape(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length());
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%') {
                if (i + 2 >= raw.length) {
                    return null;
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String hash(String segment) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(segment.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
