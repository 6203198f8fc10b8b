package dev.passerelle.backend.azure;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.io.Hex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reversible mapping between Passerelle's user metadata and Azure blob metadata, plus the
 * metadata entries where Passerelle keeps its own checksums.
 *
 * <p>Azure metadata names must be C# identifiers (letters, digits, underscore; not starting with a
 * digit; case-insensitive) and values travel as HTTP header values (ASCII, surrounding blanks
 * trimmed). So:
 * <ul>
 *   <li>a user name becomes {@code m_} followed by the name where every byte outside {@code [a-z0-9]}
 *   of its UTF-8 form is written {@code _hh} (two lowercase hex digits): {@code content-language}
 *   becomes {@code m_content_2dlanguage}. The {@code m_} prefix keeps user names apart from
 *   Passerelle's own entries and makes names starting with a digit legal.</li>
 *   <li>a value that is empty, has a character outside printable ASCII, leading or trailing blanks,
 *   or starts with the encoded-value marker is written as {@code =?utf-8?b?BASE64?=} (RFC 2047's
 *   encoded-word shape); other values are stored as they are, so they stay readable in the portal.</li>
 *   <li>Passerelle's checksums are {@code passerelle_sha256} and {@code passerelle_md5} (lowercase hex).</li>
 * </ul>
 * Metadata written by other tools (names without the {@code m_} prefix) is exposed lowercased with
 * {@code _} turned into {@code -}; that direction is best effort, the Passerelle direction is exact.
 */
final class MetadataCodec {
    /** Azure metadata name holding Passerelle's SHA-256 (hex). */
    static final String SHA256_NAME = "passerelle_sha256";
    /** Azure metadata name holding Passerelle's MD5 (hex). */
    static final String MD5_NAME = "passerelle_md5";
    private static final String USER_PREFIX = "m_";
    private static final String PASSERELLE_PREFIX = "passerelle_";
    private static final String VALUE_PREFIX = "=?utf-8?b?";
    private static final String VALUE_SUFFIX = "?=";
    /** Azure's limit on an object's metadata: names and values together, as stored (8 KiB). */
    static final int AZURE_METADATA_BYTES = 8 * 1024;
    /** What Passerelle's two checksum entries take of it. */
    private static final int CHECKSUM_BYTES = SHA256_NAME.length() + 64 + MD5_NAME.length() + 32;
    /**
     * The most stored bytes one byte of user metadata can cost: an entry of name n and value v takes
     * at most 2 + 3n + 12 + 4⌈v/3⌉ ({@code m_}, each name byte outside {@code [a-z0-9]} as {@code _hh},
     * the value encoded with its markers), which is at most 17 (n + v); the one-byte name {@code -}
     * with an empty value takes exactly 17.
     */
    private static final int MOST_STORED_PER_BYTE = 2 + 3 + VALUE_PREFIX.length() + VALUE_SUFFIX.length();

    /**
     * The user-metadata budget to declare: the most bytes (UTF-8 names + values, as the API counts
     * them) such that ANY metadata within it fits Azure's 8 KiB once encoded, with the checksums.
     */
    static final int USER_BUDGET = Math.min(dev.passerelle.api.Names.MAX_METADATA_BYTES,
            (AZURE_METADATA_BYTES - CHECKSUM_BYTES) / MOST_STORED_PER_BYTE);

    private MetadataCodec() {
    }

    /**
     * @param userMetadata validated user metadata
     * @param sha256Hex Passerelle's SHA-256, or null
     * @param md5Hex Passerelle's MD5, or null
     * @return the Azure metadata to store
     */
    static Map<String, String> encode(Map<String, String> userMetadata, String sha256Hex, String md5Hex) {
        Map<String, String> out = new TreeMap<>();
        userMetadata.forEach((name, value) -> out.put(encodeName(name), encodeValue(value)));
        if (sha256Hex != null) {
            out.put(SHA256_NAME, sha256Hex);
        }
        if (md5Hex != null) {
            out.put(MD5_NAME, md5Hex);
        }
        return out;
    }

    /**
     * @param azureMetadata metadata as Azure returned it (may be null)
     * @return the user metadata, Passerelle's entries left out
     */
    static Map<String, String> decodeUser(Map<String, String> azureMetadata) {
        Map<String, String> out = new TreeMap<>();
        if (azureMetadata == null) {
            return out;
        }
        for (Map.Entry<String, String> e : azureMetadata.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(PASSERELLE_PREFIX)) {
                continue;
            }
            String value = e.getValue() == null ? "" : e.getValue();
            if (name.startsWith(USER_PREFIX)) {
                String decoded = decodeName(name.substring(USER_PREFIX.length()));
                if (decoded != null) {
                    out.put(decoded, decodeValue(value));
                    continue;
                }
            }
            out.put(name.replace('_', '-'), decodeValue(value));
        }
        return out;
    }

    /**
     * @param azureMetadata metadata as Azure returned it (may be null)
     * @param contentMd5 Azure's Content-MD5 (may be null)
     * @return the known checksums: Passerelle's from metadata, else Azure's Content-MD5 as a host checksum
     */
    static Map<ChecksumAlgorithm, Checksum> checksums(Map<String, String> azureMetadata, byte[] contentMd5) {
        Map<ChecksumAlgorithm, Checksum> out = new EnumMap<>(ChecksumAlgorithm.class);
        if (azureMetadata != null) {
            for (Map.Entry<String, String> e : azureMetadata.entrySet()) {
                String name = e.getKey().toLowerCase(Locale.ROOT);
                if (name.equals(SHA256_NAME) && isHex(e.getValue(), 64)) {
                    out.put(ChecksumAlgorithm.SHA256, Checksum.passerelle(ChecksumAlgorithm.SHA256, e.getValue()));
                } else if (name.equals(MD5_NAME) && isHex(e.getValue(), 32)) {
                    out.put(ChecksumAlgorithm.MD5, Checksum.passerelle(ChecksumAlgorithm.MD5, e.getValue()));
                }
            }
        }
        if (!out.containsKey(ChecksumAlgorithm.MD5) && contentMd5 != null && contentMd5.length == 16) {
            out.put(ChecksumAlgorithm.MD5, Checksum.host(ChecksumAlgorithm.MD5, Hex.encode(contentMd5)));
        }
        return out;
    }

    /** @return the Azure metadata name of a user metadata name */
    static String encodeName(String name) {
        StringBuilder sb = new StringBuilder(USER_PREFIX);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append((char) c);
            } else {
                sb.append('_').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return sb.toString();
    }

    /** @return the user name of an encoded name (without the prefix), or null when it is not one of ours */
    static String decodeName(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return the value as stored in Azure (ASCII, no surrounding blanks) */
    static String encodeValue(String value) {
        if (needsEncoding(value)) {
            return VALUE_PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + VALUE_SUFFIX;
        }
        return value;
    }

    /** @return the original value of a stored one */
    static String decodeValue(String stored) {
        if (stored.startsWith(VALUE_PREFIX) && stored.endsWith(VALUE_SUFFIX)
                && stored.length() >= VALUE_PREFIX.length() + VALUE_SUFFIX.length()) {
            try {
                return new String(Base64.getDecoder().decode(
                        stored.substring(VALUE_PREFIX.length(), stored.length() - VALUE_SUFFIX.length())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return stored;
            }
        }
        return stored;
    }

    private static boolean needsEncoding(String value) {
        if (value.isEmpty() || value.startsWith(VALUE_PREFIX)) {
            return true;
        }
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
