package dev.passerelle.backend.s3;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.StorageException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Passerelle's user metadata and checksums into S3 {@code x-amz-meta-*} values and back.
 *
 * <p>S3 metadata travels as HTTP headers: ASCII only, surrounding blanks trimmed, empty values
 * sometimes dropped. Values that would not survive (non-ASCII, tab, leading/trailing blank, empty,
 * or already looking like an encoded word) are sent as an RFC 2047 encoded word
 * {@code =?UTF-8?B?<base64>?=}, the form AWS itself uses; every value round trips exactly. Passerelle's
 * checksums are stored as {@code passerelle-sha256} and {@code passerelle-md5}, names a caller may
 * not use.
 */
public final class MetadataCodec {
    /** Metadata name holding Passerelle's SHA-256 of the content. */
    public static final String SHA256 = "passerelle-sha256";
    /** Metadata name holding Passerelle's MD5 of the content. */
    public static final String MD5 = "passerelle-md5";

    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";
    private static final Pattern ENCODED = Pattern.compile("=\\?utf-8\\?b\\?([A-Za-z0-9+/=]*)\\?=", Pattern.CASE_INSENSITIVE);
    /** Bytes the two checksum entries take on the wire. */
    private static final int CHECKSUM_WIRE_BYTES = SHA256.length() + 64 + MD5.length() + 32;

    private MetadataCodec() {
    }

    /**
     * The user-metadata budget announced in Capabilities: what is left of the host's wire limit
     * after the checksums, discounted for the growth of encoded values (base64 plus the markers).
     *
     * @param wireBytes the host's limit on x-amz-meta-* names and values
     * @return bytes of user metadata (UTF-8 names + values) that fit in one value even when encoded
     */
    public static int userBudget(int wireBytes) {
        return Math.max(0, (wireBytes - CHECKSUM_WIRE_BYTES) * 3 / 4 - PREFIX.length() - SUFFIX.length());
    }

    /**
     * Encodes user metadata and (when known) checksums for the wire.
     *
     * @param user validated user metadata (lowercase names)
     * @param checksums checksums to record, or an empty map
     * @param maxWireBytes the host's limit on names + encoded values
     * @return names (without {@code x-amz-meta-}) to ASCII values
     * @throws StorageException INVALID_ARGUMENT ({@code invalid_metadata}) for a reserved name or when
     *         the encoded metadata exceeds the host's limit
     */
    public static Map<String, String> encode(Map<String, String> user, Map<ChecksumAlgorithm, Checksum> checksums, int maxWireBytes) {
        Map<String, String> wire = new TreeMap<>();
        int total = 0;
        for (Map.Entry<String, String> e : user.entrySet()) {
            if (e.getKey().equals(SHA256) || e.getKey().equals(MD5)) {
                throw StorageException.invalid("invalid_metadata", "metadata name '" + e.getKey() + "' is reserved for Passerelle's checksums");
            }
            String value = encodeValue(e.getValue());
            wire.put(e.getKey(), value);
            total += e.getKey().length() + value.length();
        }
        Checksum sha = checksums.get(ChecksumAlgorithm.SHA256);
        if (sha != null) {
            wire.put(SHA256, sha.hex());
        }
        Checksum md5 = checksums.get(ChecksumAlgorithm.MD5);
        if (md5 != null) {
            wire.put(MD5, md5.hex());
        }
        if (total + CHECKSUM_WIRE_BYTES > maxWireBytes) {
            throw StorageException.invalid("invalid_metadata", "user metadata takes " + total + " bytes once encoded for S3 headers; with "
                    + "Passerelle's checksums this host accepts at most " + (maxWireBytes - CHECKSUM_WIRE_BYTES));
        }
        return wire;
    }

    /**
     * @param wire metadata as the host returned it (names without {@code x-amz-meta-})
     * @return the user metadata, decoded, without Passerelle's checksum entries
     */
    public static Map<String, String> decodeUser(Map<String, String> wire) {
        Map<String, String> user = new TreeMap<>();
        wire.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!n.equals(SHA256) && !n.equals(MD5)) {
                user.put(n, decodeValue(value));
            }
        });
        return user;
    }

    /**
     * @param wire metadata as the host returned it
     * @return Passerelle's checksums recorded with the object; entries that are not well-formed are ignored
     */
    public static Map<ChecksumAlgorithm, Checksum> decodeChecksums(Map<String, String> wire) {
        Map<ChecksumAlgorithm, Checksum> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        wire.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            ChecksumAlgorithm algorithm = n.equals(SHA256) ? ChecksumAlgorithm.SHA256 : n.equals(MD5) ? ChecksumAlgorithm.MD5 : null;
            if (algorithm != null && value != null) {
                try {
                    checksums.put(algorithm, Checksum.passerelle(algorithm, value.trim()));
                } catch (StorageException malformed) {
                    // written by someone else: not a checksum we can vouch for
                }
            }
        });
        return checksums;
    }

    /** @return the value as it can travel in an HTTP header */
    static String encodeValue(String value) {
        boolean plain = !value.isEmpty() && value.charAt(0) != ' ' && value.charAt(value.length() - 1) != ' ' && !value.startsWith("=?");
        for (int i = 0; plain && i < value.length(); i++) {
            char c = value.charAt(i);
            plain = c >= 0x20 && c < 0x7f;
        }
        if (plain) {
            return value;
        }
        return PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
    }

    /** @return the value a header held, decoded when it is an encoded word */
    static String decodeValue(String value) {
        if (value == null) {
            return "";
        }
        Matcher m = ENCODED.matcher(value.trim());
        if (m.matches()) {
            try {
                return new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return value;
            }
        }
        return value;
    }
}
