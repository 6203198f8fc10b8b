package dev.passerelle.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The digests both schemes are made of: HMAC-SHA256, SHA-256, lowercase hex, constant-time comparison. */
public final class Hmac {
    private static final HexFormat HEX = HexFormat.of();

    private Hmac() {
    }

    /** @return HMAC-SHA256 of the UTF-8 bytes of {@code data} under {@code key} */
    public static byte[] sha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** @return the lowercase hex SHA-256 of the UTF-8 bytes of {@code data} */
    public static String sha256Hex(String data) {
        return sha256Hex(data.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the lowercase hex SHA-256 of {@code bytes} */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** @return lowercase hex of the bytes */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * Compares two signatures in time that depends only on their lengths (never on where they differ).
     *
     * @return whether both are non-null and equal
     */
    public static boolean constantTimeEquals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
