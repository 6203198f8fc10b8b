package dev.passerelle.api;

/**
 * What went wrong, independent of the host. This enum is the ONE table that maps each kind to an
 * HTTP status and a stable machine code; the gateway and the CLI never improvise their own.
 */
public enum ErrorKind {
    /** The container (bucket) does not exist. */
    CONTAINER_NOT_FOUND(404, "no_such_bucket", false),
    /** The object does not exist. */
    OBJECT_NOT_FOUND(404, "no_such_key", false),
    /** The container (or object, for create-only operations) already exists. */
    ALREADY_EXISTS(409, "already_exists", false),
    /** The request conflicts with the current state (e.g. deleting a non-empty container, a lost commit race). */
    CONFLICT(409, "conflict", false),
    /** A condition (If-Match, If-None-Match on write, If-Unmodified-Since) was not met. */
    PRECONDITION_FAILED(412, "precondition_failed", false),
    /** A read condition (If-None-Match, If-Modified-Since) says the caller's copy is current. */
    NOT_MODIFIED(304, "not_modified", false),
    /** The requested byte range starts at or past the end of the object. */
    INVALID_RANGE(416, "invalid_range", false),
    /** The request is malformed: a name, a header, a length that does not match the body. */
    INVALID_ARGUMENT(400, "invalid_argument", false),
    /** The body does not match the checksum the caller declared; nothing was stored. */
    CHECKSUM_MISMATCH(400, "checksum_mismatch", false),
    /** The body is larger than this deployment accepts. */
    PAYLOAD_TOO_LARGE(413, "payload_too_large", false),
    /** The caller did not authenticate (gateway only). */
    UNAUTHORIZED(401, "unauthorized", false),
    /** The caller (or the bucket's configuration: read-only, policy) does not allow this. */
    FORBIDDEN(403, "forbidden", false),
    /** The host refused Passerelle's OWN credentials: an operator problem, never a client 401. */
    BACKEND_AUTH_FAILED(502, "backend_auth_failed", false),
    /** The host refused for lack of space or quota. */
    QUOTA(507, "quota_exceeded", false),
    /** The host asked us to slow down. */
    RATE_LIMITED(503, "rate_limited", true),
    /** The host is unreachable or failing. */
    UNAVAILABLE(503, "backend_unavailable", true),
    /** The host did not answer in time. */
    TIMEOUT(504, "backend_timeout", true),
    /** The backend cannot do this (see its {@link Capabilities}). */
    UNSUPPORTED(501, "not_implemented", false),
    /** Stored data failed verification (checksum, authentication tag, missing envelope). */
    INTEGRITY(502, "integrity_failure", false),
    /** A bug or an unexpected state. */
    INTERNAL(500, "internal_error", false);

    private final int httpStatus;
    private final String code;
    private final boolean retryable;

    ErrorKind(int httpStatus, String code, boolean retryable) {
        this.httpStatus = httpStatus;
        this.code = code;
        this.retryable = retryable;
    }

    /** @return the HTTP status the gateway answers with for this kind */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the stable, lowercase machine code (e.g. {@code no_such_key}) used when no more specific code is given */
    public String code() {
        return code;
    }

    /** @return whether an error of this kind is temporary by default (a retry may succeed) */
    public boolean retryableByDefault() {
        return retryable;
    }
}
