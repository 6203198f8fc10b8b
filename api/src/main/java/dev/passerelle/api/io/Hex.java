package dev.passerelle.api.io;

import java.util.Base64;
import java.util.HexFormat;

/** Hex and base64 conversions of digests. */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    /** @return lowercase hex of the bytes */
    public static String encode(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * @return the bytes of a hex string
     * @throws IllegalArgumentException if it is not hex
     */
    public static byte[] decode(String hex) {
        return HEX.parseHex(hex);
    }

    /** @return the base64 of the bytes a hex string holds (e.g. an MD5 for Content-MD5) */
    public static String hexToBase64(String hex) {
        return Base64.getEncoder().encodeToString(decode(hex));
    }

    /**
     * @return the hex of base64-encoded bytes
     * @throws IllegalArgumentException if it is not base64
     */
    public static String base64ToHex(String base64) {
        return encode(Base64.getDecoder().decode(base64.trim()));
    }
}
