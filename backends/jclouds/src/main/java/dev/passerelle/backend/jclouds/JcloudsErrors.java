package dev.passerelle.backend.jclouds;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.jclouds.aws.AWSResponseException;
import org.jclouds.blobstore.ContainerNotFoundException;
import org.jclouds.blobstore.KeyNotFoundException;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;
import org.jclouds.rest.InsufficientResourcesException;
import org.jclouds.rest.RateLimitExceededException;
import org.jclouds.rest.ResourceAlreadyExistsException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The ONE place where jclouds' exceptions become {@link StorageException}s. jclouds wraps freely
 * (Guava's propagate, ExecutionException, its own HttpResponseException around I/O errors), so the
 * whole causal chain is searched: first for a StorageException our own code threw (length or checksum
 * checks inside an upload stream), then for jclouds' typed exceptions, then HTTP statuses (with the
 * S3 error code when the {@code s3} API gives one), then I/O failures.
 */
public final class JcloudsErrors {
    private final String backend;

    /** @param backend the backend's name, set on every exception */
    public JcloudsErrors(String backend) {
        this.backend = backend;
    }

    /**
     * @param failure what jclouds or our code threw
     * @param container the container concerned, or null
     * @param key the key concerned, or null (a bare 404 then means the container is missing)
     * @return the mapped exception, with backend, container and key set
     */
    public StorageException map(Throwable failure, String container, String key) {
        StorageException e = translate(failure, key != null);
        return e.withBackend(backend).withLocation(container, key);
    }

    private StorageException translate(Throwable failure, boolean aboutObject) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageException se) {
                return se;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            StorageException typed = typed(t, aboutObject);
            if (typed != null) {
                return typed;
            }
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new StorageException(ErrorKind.UNAVAILABLE, null, "interrupted", true, failure);
        }
        return new StorageException(ErrorKind.INTERNAL, null, "unexpected failure: " + failure, false, failure);
    }

    private StorageException typed(Throwable t, boolean aboutObject) {
        if (t instanceof KeyNotFoundException) {
            return new StorageException(ErrorKind.OBJECT_NOT_FOUND, "no such object", t);
        }
        if (t instanceof ContainerNotFoundException) {
            return new StorageException(ErrorKind.CONTAINER_NOT_FOUND, "no such container", t);
        }
        if (t instanceof AWSResponseException aws && aws.getError() != null && aws.getError().getCode() != null) {
            return fromCode(aws.getError().getCode(), status(aws), aws.getError().getMessage(), aboutObject, t);
        }
        if (t instanceof HttpResponseException http && http.getResponse() != null) {
            return fromStatus(status(http), "HTTP " + status(http), aboutObject, t);
        }
        if (t instanceof AuthorizationException) {
            return new StorageException(ErrorKind.BACKEND_AUTH_FAILED, null, "the host refused Passerelle's credentials", false, t);
        }
        if (t instanceof RateLimitExceededException) {
            return new StorageException(ErrorKind.RATE_LIMITED, null, "the host asked to slow down", true, t);
        }
        if (t instanceof InsufficientResourcesException) {
            return new StorageException(ErrorKind.QUOTA, "the host is out of space or quota", t);
        }
        if (t instanceof ResourceAlreadyExistsException) {
            return new StorageException(ErrorKind.ALREADY_EXISTS, "already exists", t);
        }
        if (t instanceof UnsupportedOperationException) {
            return new StorageException(ErrorKind.UNSUPPORTED, "the jclouds provider does not support this: " + t.getMessage(), t);
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
            // jclouds' own validators (e.g. the filesystem provider's key and container checks)
            return StorageException.invalid(null, "the jclouds provider refused the request: " + t.getMessage());
        }
        return null;
    }

    private static int status(HttpResponseException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    private static StorageException fromCode(String code, int status, String message, boolean aboutObject, Throwable cause) {
        String detail = code + (message == null || message.isBlank() ? "" : ": " + message);
        return switch (code) {
            case "NoSuchKey" -> new StorageException(ErrorKind.OBJECT_NOT_FOUND, detail, cause);
            case "NoSuchBucket" -> new StorageException(ErrorKind.CONTAINER_NOT_FOUND, detail, cause);
            case "BucketAlreadyOwnedByYou", "BucketAlreadyExists" -> new StorageException(ErrorKind.ALREADY_EXISTS, detail, cause);
            case "BucketNotEmpty" -> new StorageException(ErrorKind.CONFLICT, detail, cause);
            case "PreconditionFailed" -> new StorageException(ErrorKind.PRECONDITION_FAILED, detail, cause);
            case "InvalidRange" -> new StorageException(ErrorKind.INVALID_RANGE, detail, cause);
            case "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidToken", "ExpiredToken" ->
                    new StorageException(ErrorKind.BACKEND_AUTH_FAILED, null, "the host refused Passerelle's credentials (" + code + ")", false, cause);
            case "AccessDenied" -> new StorageException(ErrorKind.FORBIDDEN, detail, cause);
            case "SlowDown", "RequestLimitExceeded", "ServiceUnavailable" -> new StorageException(ErrorKind.RATE_LIMITED, null, detail, true, cause);
            case "InternalError" -> new StorageException(ErrorKind.UNAVAILABLE, null, detail, true, cause);
            case "RequestTimeout" -> new StorageException(ErrorKind.TIMEOUT, null, detail, true, cause);
            case "EntityTooLarge" -> new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, detail, cause);
            case "BadDigest", "InvalidDigest" -> new StorageException(ErrorKind.CHECKSUM_MISMATCH, detail, cause);
            case "InvalidBucketName" -> StorageException.invalid("invalid_bucket_name", detail);
            case "KeyTooLongError", "MetadataTooLarge", "InvalidArgument", "InvalidRequest" -> StorageException.invalid(null, detail);
            default -> fromStatus(status, detail, aboutObject, cause);
        };
    }

    private static StorageException fromStatus(int status, String detail, boolean aboutObject, Throwable cause) {
        return switch (status) {
            case 304 -> new StorageException(ErrorKind.NOT_MODIFIED, detail, cause);
            case 400 -> StorageException.invalid(null, detail);
            case 401 -> new StorageException(ErrorKind.BACKEND_AUTH_FAILED, null, "the host refused Passerelle's credentials (" + detail + ")", false, cause);
            case 403 -> new StorageException(ErrorKind.FORBIDDEN, detail, cause);
            case 404 -> new StorageException(aboutObject ? ErrorKind.OBJECT_NOT_FOUND : ErrorKind.CONTAINER_NOT_FOUND, detail, cause);
            case 409 -> new StorageException(ErrorKind.CONFLICT, detail, cause);
            case 412 -> new StorageException(ErrorKind.PRECONDITION_FAILED, detail, cause);
            case 413 -> new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, detail, cause);
            case 416 -> new StorageException(ErrorKind.INVALID_RANGE, detail, cause);
            case 422 -> new StorageException(ErrorKind.CHECKSUM_MISMATCH, detail + " (the host found the body does not match its ETag)", cause);
            case 429, 498, 503 -> new StorageException(ErrorKind.RATE_LIMITED, null, detail, true, cause);
            case 501 -> new StorageException(ErrorKind.UNSUPPORTED, detail, cause);
            case 504 -> new StorageException(ErrorKind.TIMEOUT, null, detail, true, cause);
            case 507 -> new StorageException(ErrorKind.QUOTA, detail, cause);
            default -> status >= 500
                    ? new StorageException(ErrorKind.UNAVAILABLE, null, detail, true, cause)
                    : new StorageException(ErrorKind.INTERNAL, null, "unexpected answer from the host: " + detail.toLowerCase(Locale.ROOT), false, cause);
        };
    }
}
