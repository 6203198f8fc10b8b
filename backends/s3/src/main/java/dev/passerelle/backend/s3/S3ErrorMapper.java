package dev.passerelle.backend.s3;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The ONE place where the S3 host's answers become {@link StorageException}s. S3 error codes
 * decide first; the HTTP status decides when the code is unknown or absent (HEAD answers have no body).
 */
public final class S3ErrorMapper {
    private final String backend;

    /** @param backend the backend's name, set on every exception */
    public S3ErrorMapper(String backend) {
        this.backend = backend;
    }

    /**
     * @param failure what minio-java, okhttp or our own code threw (wrappers are unwrapped)
     * @param container the container concerned, or null
     * @param key the key concerned, or null
     * @return the mapped exception, with backend, container and key set
     */
    public StorageException map(Throwable failure, String container, String key) {
        Throwable t = unwrap(failure);
        StorageException e = t instanceof StorageException se ? se : translate(t, key != null);
        return e.withBackend(backend).withLocation(container, key);
    }

    /**
     * A failed commit of a put (the single PutObject, the streamed one or CompleteMultipartUpload):
     * as {@link #map}, except that "no such key" answering a put made with If-Match means that
     * condition failed, not that the object is missing.
     *
     * @param ifMatch whether the put carried If-Match
     */
    public StorageException mapCommit(Throwable failure, boolean ifMatch, String container, String key) {
        StorageException e = map(failure, container, key);
        if (ifMatch && e.kind() == ErrorKind.OBJECT_NOT_FOUND) {
            return new StorageException(ErrorKind.PRECONDITION_FAILED, "If-Match given but the object does not exist", failure)
                    .withBackend(backend).withLocation(container, key);
        }
        return e;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException || cur instanceof UncheckedIOException)
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    private StorageException translate(Throwable t, boolean aboutObject) {
        if (t instanceof DirectS3Http.DirectS3Exception d) {
            return fromCode(d.code(), d.status(), d.detail(), aboutObject, t);
        }
        if (t instanceof ErrorResponseException ere) {
            String code = ere.errorResponse() == null ? null : ere.errorResponse().code();
            int status = ere.response() == null ? 0 : ere.response().code();
            String message = ere.errorResponse() == null ? null : ere.errorResponse().message();
            return fromCode(code, status, message, aboutObject, t);
        }
        if (t instanceof ServerException se) {
            return fromStatus(se.statusCode(), "host error", aboutObject, t);
        }
        if (t instanceof InvalidResponseException) {
            return new StorageException(ErrorKind.UNAVAILABLE, null, "the host sent a response that is not S3: " + t.getMessage(), true, t);
        }
        if (t instanceof XmlParserException) {
            return new StorageException(ErrorKind.UNAVAILABLE, null, "the host sent unreadable XML", true, t);
        }
        if (t instanceof InsufficientDataException) {
            return StorageException.invalid("length_mismatch", t.getMessage());
        }
        if (t instanceof SocketTimeoutException) {
            return new StorageException(ErrorKind.TIMEOUT, null, "the host did not answer in time", true, t);
        }
        if (t instanceof InterruptedIOException) {
            return new StorageException(ErrorKind.TIMEOUT, null, "the call was interrupted or timed out", true, t);
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException) {
            return new StorageException(ErrorKind.UNAVAILABLE, null, "cannot reach the host: " + t.getMessage(), true, t);
        }
        if (t instanceof IOException) {
            return new StorageException(ErrorKind.UNAVAILABLE, null, "I/O error talking to the host: " + t.getMessage(), true, t);
        }
        if (t instanceof IllegalArgumentException) {
            return StorageException.invalid(null, t.getMessage());
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new StorageException(ErrorKind.UNAVAILABLE, null, "interrupted", true, t);
        }
        return new StorageException(ErrorKind.INTERNAL, null, "unexpected failure: " + t, false, t);
    }

    private StorageException fromCode(String code, int status, String message, boolean aboutObject, Throwable cause) {
        String detail = (code == null ? "HTTP " + status : code) + (message == null || message.isBlank() ? "" : ": " + message);
        if (code == null) {
            return fromStatus(status, detail, aboutObject, cause);
        }
        return switch (code) {
            case "NoSuchKey", "NoSuchVersion" -> kind(ErrorKind.OBJECT_NOT_FOUND, detail, cause);
            case "NoSuchBucket" -> kind(ErrorKind.CONTAINER_NOT_FOUND, detail, cause);
            case "BucketAlreadyOwnedByYou", "BucketAlreadyExists" -> kind(ErrorKind.ALREADY_EXISTS, detail, cause);
            case "BucketNotEmpty" -> kind(ErrorKind.CONFLICT, detail, cause);
            case "PreconditionFailed" -> kind(ErrorKind.PRECONDITION_FAILED, detail, cause);
            case "NotModified" -> kind(ErrorKind.NOT_MODIFIED, detail, cause);
            case "InvalidRange" -> kind(ErrorKind.INVALID_RANGE, detail, cause);
            case "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidToken", "ExpiredToken", "AuthorizationHeaderMalformed",
                 "InvalidSecurity" -> new StorageException(ErrorKind.BACKEND_AUTH_FAILED, null,
                    "the host refused Passerelle's credentials (" + detail + ")", false, cause);
            case "AccessDenied", "AllAccessDisabled", "AccountProblem" -> kind(ErrorKind.FORBIDDEN, detail, cause);
            case "SlowDown", "RequestLimitExceeded", "TooManyRequests", "ServiceUnavailable" ->
                    new StorageException(ErrorKind.RATE_LIMITED, null, detail, true, cause);
            case "InternalError" -> new StorageException(ErrorKind.UNAVAILABLE, null, detail, true, cause);
            case "RequestTimeout", "RequestTimeTooSkewed" -> new StorageException(ErrorKind.TIMEOUT, null, detail, true, cause);
            case "EntityTooLarge" -> kind(ErrorKind.PAYLOAD_TOO_LARGE, detail, cause);
            case "QuotaExceeded", "StorageQuotaExceeded", "InsufficientStorage" -> kind(ErrorKind.QUOTA, detail, cause);
            case "BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch" -> kind(ErrorKind.CHECKSUM_MISMATCH, detail, cause);
            case "NoSuchUpload" -> new StorageException(ErrorKind.CONFLICT, null, "the multipart upload vanished (" + detail + ")", true, cause);
            case "NotImplemented" -> kind(ErrorKind.UNSUPPORTED, detail, cause);
            case "InvalidBucketName" -> StorageException.invalid("invalid_bucket_name", detail);
            case "KeyTooLongError", "MetadataTooLarge", "InvalidArgument", "InvalidRequest", "EntityTooSmall", "InvalidPart",
                 "InvalidPartOrder", "MalformedXML" -> StorageException.invalid(null, detail);
            default -> fromStatus(status, detail, aboutObject, cause);
        };
    }

    private static StorageException fromStatus(int status, String detail, boolean aboutObject, Throwable cause) {
        return switch (status) {
            case 304 -> kind(ErrorKind.NOT_MODIFIED, detail, cause);
            case 400 -> StorageException.invalid(null, detail);
            case 401 -> new StorageException(ErrorKind.BACKEND_AUTH_FAILED, null, "the host refused Passerelle's credentials (" + detail + ")", false, cause);
            case 403 -> kind(ErrorKind.FORBIDDEN, detail, cause);
            case 404 -> kind(aboutObject ? ErrorKind.OBJECT_NOT_FOUND : ErrorKind.CONTAINER_NOT_FOUND, detail, cause);
            case 409 -> kind(ErrorKind.CONFLICT, detail, cause);
            case 412 -> kind(ErrorKind.PRECONDITION_FAILED, detail, cause);
            case 413 -> kind(ErrorKind.PAYLOAD_TOO_LARGE, detail, cause);
            case 416 -> kind(ErrorKind.INVALID_RANGE, detail, cause);
            case 429, 503 -> new StorageException(ErrorKind.RATE_LIMITED, null, detail, true, cause);
            case 501 -> kind(ErrorKind.UNSUPPORTED, detail, cause);
            case 504 -> new StorageException(ErrorKind.TIMEOUT, null, detail, true, cause);
            case 507 -> kind(ErrorKind.QUOTA, detail, cause);
            default -> status >= 500
                    ? new StorageException(ErrorKind.UNAVAILABLE, null, detail, true, cause)
                    : new StorageException(ErrorKind.INTERNAL, null, "unexpected answer from the host: " + detail, false, cause);
        };
    }

    private static StorageException kind(ErrorKind kind, String detail, Throwable cause) {
        return new StorageException(kind, detail, cause);
    }
}
