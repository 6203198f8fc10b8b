package dev.passerelle.backend.jclouds;

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
 * Turns user metadata and Passerelle's checksums into jclouds user metadata and back.
 *
 * <p>S3 and Swift carry metadata as HTTP headers (ASCII, trimmed). Values that would not survive are
 * sent as an RFC 2047 encoded word {@code =?UTF-8?B?<base64>?=}; every value round trips exactly.
 * Checksums are stored as {@code passerelle-sha256} and {@code passerelle-md5}. Names and encoding are
 * the same as the {@code s3} backend's, so either backend reads what the other wrote on one bucket.
 */
final class MetadataCodec {
    /** Metadata name holding Passerelle's SHA-256 of the content. */
    static final String SHA256 = "passerelle-sha256";
    /** Metadata name holding Passerelle's MD5 of the content. */
    static final String MD5 = "passerelle-md5";

    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";
    private static final Pattern ENCODED = Pattern.compile("=\\?utf-8\\?b\\?([A-Za-z0-9+/=]*)\\?=", Pattern.CASE_INSENSITIVE);
    private static final int CHECKSUM_WIRE_BYTES = SHA256.length() + 64 + MD5.length() + 32;

    private MetadataCodec() {
    }

    /**
     * @param wireBytes the host's limit on metadata names and values, 0 for none
     * @return the user-metadata budget (UTF-8 names + values) that fits even when every value is encoded
     */
    static int userBudget(int wireBytes) {
        if (wireBytes <= 0) {
            return dev.passerelle.api.Names.MAX_METADATA_BYTES;
        }
        int budget = (wireBytes - CHECKSUM_WIRE_BYTES) * 3 / 4 - PREFIX.length() - SUFFIX.length();
        return Math.max(0, Math.min(dev.passerelle.api.Names.MAX_METADATA_BYTES, budget));
    }

    /**
     * @param user validated user metadata
     * @param checksums the checksums to record
     * @param wireBytes the host's limit on names + encoded values, 0 for none
     * @return the metadata to hand to jclouds
     * @throws StorageException INVALID_ARGUMENT for a reserved name or metadata the host cannot carry
     */
    static Map<String, String> encode(Map<String, String> user, Map<ChecksumAlgorithm, Checksum> checksums, int wireBytes) {
        Map<String, String> wire = new TreeMap<>();
        int total = CHECKSUM_WIRE_BYTES;
        for (Map.Entry<String, String> e : user.entrySet()) {
            if (e.getKey().equals(SHA256) || e.getKey().equals(MD5)) {
                throw StorageException.invalid("invalid_metadata", "metadata name '" + e.getKey() + "' is reserved for Passerelle's checksums");
            }
            String value = encodeValue(e.getValue());
            wire.put(e.getKey(), value);
            total += e.getKey().length() + value.length();
        }
        if (wireBytes > 0 && total > wireBytes) {
            throw StorageException.invalid("invalid_metadata", "user metadata takes " + (total - CHECKSUM_WIRE_BYTES)
                    + " bytes once encoded as headers; this host accepts at most " + (wireBytes - CHECKSUM_WIRE_BYTES));
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

    /** @return the user metadata (decoded, lowercase names) without Passerelle's checksum entries */
    static Map<String, String> decodeUser(Map<String, String> wire) {
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

    /** @return Passerelle's checksums recorded with the object; malformed entries are ignored */
    static Map<ChecksumAlgorithm, Checksum> decodeChecksums(Map<String, String> wire) {
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
        boolean plain = !value.isEmpty() && value.charAt(0) != ' ' && value.charAt(value.length() - 1) != ' '
                && !ENCODED.matcher(value).matches();
        for (int i = 0; plain && i < value.length(); i++) {
            char c = value.charAt(i);
            plain = c >= 0x20 && c < 0x7f;
        }
        return plain ? value : PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
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
