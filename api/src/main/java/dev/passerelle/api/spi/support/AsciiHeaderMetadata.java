package dev.passerelle.api.spi.support;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.Names;
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
 * Turns Passerelle's user metadata and checksums into metadata that travels as HTTP headers (S3
 * {@code x-amz-meta-*}, Swift {@code X-Object-Meta-*}) and back.
 *
 * <p>Header values are ASCII only, surrounding blanks are trimmed and empty values are sometimes
 * dropped. A value that would not survive (non-ASCII, tab, leading or trailing blank, empty, or
 * starting with {@code =?} and so possibly read as an encoded word) is sent as an RFC 2047 encoded
 * word {@code =?UTF-8?B?<base64>?=}, the form AWS itself uses; every value round trips exactly.
 * Passerelle's checksums are stored as {@value #SHA256} and {@value #MD5}, names a caller may not use.
 *
 * <p>The s3 and jclouds backends both use this codec, so either reads the objects the other wrote
 * on the same bucket. Changing the names or the encoding makes existing objects unreadable.
 */
public final class AsciiHeaderMetadata {
    /** Metadata name holding Passerelle's SHA-256 of the content (lowercase hex). */
    public static final String SHA256 = "passerelle-sha256";
    /** Metadata name holding Passerelle's MD5 of the content (lowercase hex). */
    public static final String MD5 = "passerelle-md5";

    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";
    private static final Pattern ENCODED = Pattern.compile("=\\?utf-8\\?b\\?([A-Za-z0-9+/=]*)\\?=", Pattern.CASE_INSENSITIVE);
    /** Bytes the two checksum entries take on the wire. */
    private static final int CHECKSUM_WIRE_BYTES = SHA256.length() + 64 + MD5.length() + 32;

    private AsciiHeaderMetadata() {
    }

    /**
     * The user-metadata budget to announce in Capabilities: the most bytes (UTF-8 names + values, as
     * {@link Names#validateMetadata} counts them) such that ANY metadata the API accepts within it fits
     * the host's wire limit once encoded, after the checksums. Every encoded value carries its own
     * markers ({@code =?UTF-8?B?} and {@code ?=}, 12 bytes) and base64 rounding, so the costliest
     * metadata is many short names with values that must be encoded (an empty value still takes 12
     * bytes): see {@link #costliestWire}. Metadata of ordinary shape far above the budget usually fits
     * too: {@link #encode} checks the real encoded size and refuses only what the host would.
     * It is not capped at the API's own limit; a backend that wants the smaller of the two takes it.
     *
     * @param wireBytes the host's limit on metadata names and (encoded) values, 0 or less for none
     * @return bytes of user metadata that fit whatever their shape; {@link Names#MAX_METADATA_BYTES}
     *         when the host has no limit
     */
    public static int userBudget(int wireBytes) {
        if (wireBytes <= 0) {
            return Names.MAX_METADATA_BYTES;
        }
        int room = wireBytes - CHECKSUM_WIRE_BYTES;
        int budget = 0;
        while (costliestWire(budget + 1) <= room) {
            budget++;
        }
        return budget;
    }

    /**
     * The most wire bytes that user metadata of {@code bytes} UTF-8 bytes can take once encoded. An
     * entry of an n-byte name and a v-byte value that must be encoded takes n + 12 + 4⌈v/3⌉; per byte
     * of budget the costliest entries are the 37 one-byte names ({@code [a-z0-9-]}) with empty values
     * (13 wire bytes each), then two-byte names with empty values (14 per 2 bytes); an odd byte left
     * over is one byte of some value (4 more).
     *
     * @param bytes a user-metadata size
     * @return the wire bytes of the costliest metadata of that size
     */
    static int costliestWire(int bytes) {
        int oneByteNames = 37;
        int marker = PREFIX.length() + SUFFIX.length();
        if (bytes <= oneByteNames) {
            return bytes * (1 + marker);
        }
        int rest = bytes - oneByteNames;
        return oneByteNames * (1 + marker) + rest / 2 * (2 + marker) + rest % 2 * 4;
    }

    /**
     * Encodes user metadata and (when known) checksums for the wire.
     *
     * @param user validated user metadata (lowercase names)
     * @param checksums checksums to record, or an empty map
     * @param wireBytes the host's limit on names + encoded values (room for both checksums is always
     *                  reserved), 0 or less for none
     * @return metadata names (without the protocol's header prefix) to ASCII values
     * @throws StorageException INVALID_ARGUMENT ({@code invalid_metadata}) for a reserved name or when
     *         the encoded metadata exceeds the host's limit
     */
    public static Map<String, String> encode(Map<String, String> user, Map<ChecksumAlgorithm, Checksum> checksums, int wireBytes) {
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
        if (wireBytes > 0 && total + CHECKSUM_WIRE_BYTES > wireBytes) {
            throw StorageException.invalid("invalid_metadata", "user metadata takes " + total + " bytes once encoded as headers; with "
                    + "Passerelle's checksums this host accepts at most " + (wireBytes - CHECKSUM_WIRE_BYTES));
        }
        Checksum sha = checksums.get(ChecksumAlgorithm.SHA256);
        if (sha != null) {
            wire.put(SHA256, sha.hex());
        }
        Checksum md5 = checksums.get(ChecksumAlgorithm.MD5);
        if (md5 != null) {
            wire.put(MD5, md5.hex());
        }
        return wire;
    }

    /**
     * @param wire metadata as the host returned it (names without the header prefix, any case), or null
     * @return the user metadata, decoded, with lowercase names, without Passerelle's checksum entries
     */
    public static Map<String, String> decodeUser(Map<String, String> wire) {
        Map<String, String> user = new TreeMap<>();
        if (wire != null) {
            wire.forEach((name, value) -> {
                String n = name.toLowerCase(Locale.ROOT);
                if (!n.equals(SHA256) && !n.equals(MD5)) {
                    user.put(n, decodeValue(value));
                }
            });
        }
        return user;
    }

    /**
     * @param wire metadata as the host returned it, or null
     * @return Passerelle's checksums recorded with the object; entries that are not well-formed are ignored
     */
    public static Map<ChecksumAlgorithm, Checksum> decodeChecksums(Map<String, String> wire) {
        Map<ChecksumAlgorithm, Checksum> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        if (wire != null) {
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
        }
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
