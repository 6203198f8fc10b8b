package dev.passerelle.api;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What is known about a stored object.
 *
 * <p>The ETag is the host's opaque version tag, stored WITHOUT surrounding quotes and never assumed
 * to be an MD5 (Azure's look like {@code 0x8D...}, S3 multipart ones like {@code md5-N}). Integrity
 * is proven with {@link #checksums()}, not ETags.
 *
 * @param key the object key
 * @param size the size in bytes of the whole object (never -1)
 * @param etag the host's version tag without quotes; never null (may be empty if the host has none)
 * @param contentType the media type, or null when unknown (listings often do not carry it)
 * @param lastModified when the object was last written; never null
 * @param userMetadata user metadata (lowercase names, UTF-8 values); empty when none or unknown
 * @param checksums the checksums that are known, by algorithm; empty when none is known
 */
public record ObjectInfo(String key, long size, String etag, String contentType, Instant lastModified,
                         Map<String, String> userMetadata, Map<ChecksumAlgorithm, Checksum> checksums) {

    /** Copies the maps into immutable ones and strips quotes from the ETag. */
    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        etag = normalizeEtag(etag);
        userMetadata = userMetadata == null || userMetadata.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(userMetadata));
        checksums = checksums == null || checksums.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(checksums));
    }

    /**
     * Strips surrounding quotes (and a weak prefix) so ETags from different calls compare equal.
     *
     * @param etag an ETag as a host returned it, possibly quoted; may be null
     * @return the bare ETag; an empty string for null
     */
    public static String normalizeEtag(String etag) {
        if (etag == null) {
            return "";
        }
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    /** @return the checksum of that algorithm if known */
    public Optional<Checksum> checksum(ChecksumAlgorithm algorithm) {
        return Optional.ofNullable(checksums.get(algorithm));
    }

    /** @return the SHA-256 hex that Passerelle computed and stored, if any (host-reported ones are not included) */
    public Optional<String> passerelleSha256() {
        Checksum c = checksums.get(ChecksumAlgorithm.SHA256);
        return c != null && c.source() == Checksum.Source.PASSERELLE ? Optional.of(c.hex()) : Optional.empty();
    }

    /** @return a copy with other checksums */
    public ObjectInfo withChecksums(Map<ChecksumAlgorithm, Checksum> newChecksums) {
        return new ObjectInfo(key, size, etag, contentType, lastModified, userMetadata, newChecksums);
    }

    /** @return a copy with another key (used when a store maps names) */
    public ObjectInfo withKey(String newKey) {
        return new ObjectInfo(newKey, size, etag, contentType, lastModified, userMetadata, checksums);
    }
}
