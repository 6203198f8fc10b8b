package dev.passerelle.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Preconditions of a read or a write (RFC 9110 §13). ETag values may be given quoted or bare, and
 * If-Match / If-None-Match may hold a comma-separated list or {@code *}.
 *
 * <p>Backends that check conditions natively map the host's answer to the same error kinds; others
 * call {@link #checkRead(ObjectInfo)} / {@link #checkWrite(ObjectInfo)} against the current object.
 *
 * @param ifMatch proceed only if the current ETag matches (strong comparison), or {@code *}: the object exists
 * @param ifNoneMatch proceed only if the current ETag does not match, or {@code *}: the object does not exist
 * @param ifModifiedSince read only: proceed only if modified after this instant (second precision)
 * @param ifUnmodifiedSince proceed only if not modified after this instant (second precision)
 */
public record Conditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {

    /** No condition at all. */
    public static final Conditions NONE = new Conditions(null, null, null, null);

    /** @return conditions requiring the current ETag to be {@code etag} */
    public static Conditions ifMatch(String etag) {
        return new Conditions(etag, null, null, null);
    }

    /** @return a create-only condition ({@code If-None-Match: *}) */
    public static Conditions ifNoneMatchAny() {
        return new Conditions(null, "*", null, null);
    }

    /** @return whether no condition is set */
    public boolean isEmpty() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
    }

    /**
     * Evaluates read conditions in RFC 9110 §13.2.2 order: If-Match, If-Unmodified-Since,
     * If-None-Match, If-Modified-Since.
     *
     * @param current the object as it is now (never null: a missing object is OBJECT_NOT_FOUND before this)
     * @throws StorageException PRECONDITION_FAILED or NOT_MODIFIED
     */
    public void checkRead(ObjectInfo current) {
        if (ifMatch != null) {
            if (!matches(ifMatch, current.etag(), false)) {
                throw failed("If-Match " + ifMatch + " does not match the current ETag");
            }
        } else if (ifUnmodifiedSince != null && modifiedAfter(current.lastModified(), ifUnmodifiedSince)) {
            throw failed("object was modified after If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, current.etag(), true)) {
                throw new StorageException(ErrorKind.NOT_MODIFIED, "If-None-Match matches the current ETag");
            }
        } else if (ifModifiedSince != null && !modifiedAfter(current.lastModified(), ifModifiedSince)) {
            throw new StorageException(ErrorKind.NOT_MODIFIED, "object not modified since If-Modified-Since");
        }
    }

    /**
     * Evaluates write conditions against the object currently stored under the key.
     *
     * @param current the current object, or null when there is none
     * @throws StorageException PRECONDITION_FAILED when a condition is not met
     */
    public void checkWrite(ObjectInfo current) {
        if (ifMatch != null && (current == null || !matches(ifMatch, current.etag(), false))) {
            throw failed(current == null ? "If-Match given but the object does not exist" : "If-Match " + ifMatch + " does not match the current ETag");
        }
        if (ifNoneMatch != null && current != null && matches(ifNoneMatch, current.etag(), true)) {
            throw failed("If-None-Match " + ifNoneMatch + ": the object already exists");
        }
        if (ifUnmodifiedSince != null && current != null && modifiedAfter(current.lastModified(), ifUnmodifiedSince)) {
            throw failed("object was modified after If-Unmodified-Since");
        }
    }

    /**
     * @param header an If-Match / If-None-Match value: {@code *} or a comma-separated list of (quoted) ETags
     * @param etag the current ETag (bare)
     * @param weak whether weak comparison applies (If-None-Match) or strong (If-Match)
     * @return whether the header matches the ETag
     */
    public static boolean matches(String header, String etag, boolean weak) {
        String h = header.trim();
        if (h.equals("*")) {
            return true;
        }
        String current = ObjectInfo.normalizeEtag(etag);
        for (String part : h.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.startsWith("W/") && !weak) {
                continue;
            }
            if (ObjectInfo.normalizeEtag(p).equals(current)) {
                return true;
            }
        }
        return false;
    }

    private static boolean modifiedAfter(Instant lastModified, Instant reference) {
        return lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(reference.truncatedTo(ChronoUnit.SECONDS));
    }

    private static StorageException failed(String detail) {
        return new StorageException(ErrorKind.PRECONDITION_FAILED, detail);
    }
}
