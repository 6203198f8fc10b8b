package dev.passerelle.backend.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * The ONE place where Azure's answers become {@link StorageException}s. Every call into the SDK
 * (and every {@link DirectBlobHttp} call) goes through {@link #map}; nothing else in this backend
 * inspects an Azure error code.
 */
final class AzureErrors {
    /** What the failing call was doing; some Azure codes mean different things per operation. */
    enum Op {
        /** container create/delete/exists/list. */
        CONTAINER,
        /** object read (get, head, list). */
        READ,
        /** object write with put conditions (stage, commit, single-shot upload). */
        WRITE,
        /** object delete. */
        DELETE,
        /** server-side copy. */
        COPY
    }

    private final String backend;

    /** @param backend the backend's configured name, put into every error so operators know which one failed */
    AzureErrors(String backend) {
        this.backend = backend;
    }

    /** @return the backend name used in messages */
    String backend() {
        return backend;
    }

    /**
     * Maps any failure of an SDK call.
     *
     * @param e what the SDK threw
     * @param op what the call was doing
     * @param container the container, or null
     * @param key the key, or null
     * @return the storage exception to throw (with backend and location set)
     */
    StorageException map(Throwable e, Op op, String container, String key) {
        StorageException s = translate(e, op);
        return s.withBackend(backend).withLocation(container, key);
    }

    private StorageException translate(Throwable e, Op op) {
        if (e instanceof StorageException s) {
            return s;
        }
        if (e instanceof BlobStorageException b) {
            return fromBlobStorage(b, op);
        }
        if (e instanceof DirectBlobHttp.DirectHttpException d) {
            return fromAnswer(d.status(), d.errorCode() == null ? null : BlobErrorCode.fromString(d.errorCode()), op, d);
        }
        if (e instanceof ClientAuthenticationException) {
            return auth("could not obtain a token for the configured credential (" + firstLine(e) + ")", e);
        }
        if (e instanceof HttpResponseException h && h.getResponse() != null) {
            return fromStatus(h.getResponse().getStatusCode(), null, op, e);
        }
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageException s) {
                return s;
            }
            if (t instanceof BlobStorageException b) {
                return fromBlobStorage(b, op);
            }
            if (t instanceof ClientAuthenticationException) {
                return auth("could not obtain a token for the configured credential (" + firstLine(t) + ")", e);
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return new StorageException(ErrorKind.TIMEOUT, null, "Azure backend '" + backend + "' did not answer in time", true, e);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new StorageException(ErrorKind.UNAVAILABLE, null,
                        "Azure backend '" + backend + "' is unreachable (" + t.getClass().getSimpleName() + ")", true, e);
            }
            if (t instanceof InterruptedIOException || t instanceof InterruptedException) {
                return new StorageException(ErrorKind.UNAVAILABLE, null, "Azure call to backend '" + backend + "' was interrupted", true, e);
            }
            root = t;
        }
        if (root instanceof IOException || root instanceof UncheckedIOException) {
            return new StorageException(ErrorKind.UNAVAILABLE, null,
                    "I/O failure talking to Azure backend '" + backend + "': " + firstLine(root), true, e);
        }
        return new StorageException(ErrorKind.INTERNAL, null, "unexpected failure in Azure backend '" + backend + "': " + firstLine(root), false, e);
    }

    private StorageException fromBlobStorage(BlobStorageException b, Op op) {
        return fromAnswer(b.getStatusCode(), b.getErrorCode(), op, b);
    }

    private StorageException fromAnswer(int status, BlobErrorCode code, Op op, Throwable b) {
        if (code != null) {
            StorageException byCode = fromCode(code, status, op, b);
            if (byCode != null) {
                return byCode;
            }
        }
        return fromStatus(status, code, op, b);
    }

    private StorageException fromCode(BlobErrorCode code, int status, Op op, Throwable b) {
        String c = code.toString();
        if (is(code, BlobErrorCode.BLOB_NOT_FOUND)) {
            return op == Op.WRITE
                    ? failed("If-Match given but the object does not exist", b)
                    : new StorageException(ErrorKind.OBJECT_NOT_FOUND, "object not found", b);
        }
        if (is(code, BlobErrorCode.CONTAINER_NOT_FOUND)) {
            return new StorageException(ErrorKind.CONTAINER_NOT_FOUND, "bucket not found", b);
        }
        if (is(code, BlobErrorCode.CONTAINER_ALREADY_EXISTS)) {
            return new StorageException(ErrorKind.ALREADY_EXISTS, "bucket already exists", b);
        }
        if (is(code, BlobErrorCode.CONTAINER_BEING_DELETED)) {
            return new StorageException(ErrorKind.CONFLICT, null, "bucket is being deleted by Azure; try again in a minute", true, b);
        }
        if (is(code, BlobErrorCode.CONDITION_NOT_MET) || is(code, BlobErrorCode.SOURCE_CONDITION_NOT_MET)
                || is(code, BlobErrorCode.TARGET_CONDITION_NOT_MET)) {
            return status == 304 ? new StorageException(ErrorKind.NOT_MODIFIED, "not modified", b) : failed("condition not met", b);
        }
        if (is(code, BlobErrorCode.BLOB_ALREADY_EXISTS)) {
            // only a create-only write (If-None-Match: *) produces this
            return failed("If-None-Match *: the object already exists", b);
        }
        if (is(code, BlobErrorCode.INVALID_BLOCK_LIST) || is(code, BlobErrorCode.INVALID_BLOB_OR_BLOCK)
                || is(code, BlobErrorCode.BLOB_OVERWRITTEN)) {
            return new StorageException(ErrorKind.CONFLICT, null,
                    "another upload of the same key committed first; this upload stored nothing (" + c + ")", false, b);
        }
        if (is(code, BlobErrorCode.INVALID_RANGE)) {
            return new StorageException(ErrorKind.INVALID_RANGE, "range not satisfiable", b);
        }
        if (is(code, BlobErrorCode.AUTHENTICATION_FAILED) || is(code, BlobErrorCode.NO_AUTHENTICATION_INFORMATION)
                || is(code, BlobErrorCode.INVALID_AUTHENTICATION_INFO) || is(code, BlobErrorCode.ACCOUNT_IS_DISABLED)
                || c.startsWith("Authorization") || is(code, BlobErrorCode.INSUFFICIENT_ACCOUNT_PERMISSIONS)) {
            return auth("Azure refused the backend's credentials (" + c + ", HTTP " + status + ")", b);
        }
        if (is(code, BlobErrorCode.SERVER_BUSY)) {
            return new StorageException(ErrorKind.RATE_LIMITED, null, "Azure asked to slow down (ServerBusy)", true, b);
        }
        if (is(code, BlobErrorCode.OPERATION_TIMED_OUT)) {
            return new StorageException(ErrorKind.TIMEOUT, null, "Azure timed the operation out", true, b);
        }
        if (is(code, BlobErrorCode.INTERNAL_ERROR)) {
            return new StorageException(ErrorKind.UNAVAILABLE, null, "Azure failed internally (InternalError)", true, b);
        }
        if (c.equals("Md5Mismatch") || c.equals("Crc64Mismatch")) {
            return new StorageException(ErrorKind.CHECKSUM_MISMATCH, "Azure received bytes that do not match their checksum (" + c + ")", b);
        }
        if (is(code, BlobErrorCode.REQUEST_BODY_TOO_LARGE) || is(code, BlobErrorCode.BLOCK_COUNT_EXCEEDS_LIMIT)) {
            return new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "object too large for Azure (" + c + ")", b);
        }
        if (is(code, BlobErrorCode.INVALID_RESOURCE_NAME) || is(code, BlobErrorCode.INVALID_METADATA)
                || is(code, BlobErrorCode.METADATA_TOO_LARGE) || is(code, BlobErrorCode.OUT_OF_RANGE_INPUT)
                || is(code, BlobErrorCode.INVALID_HEADER_VALUE) || is(code, BlobErrorCode.INVALID_INPUT)) {
            return StorageException.invalid("invalid_argument", "Azure rejected the request (" + c + ")");
        }
        return null;
    }

    private StorageException fromStatus(int status, BlobErrorCode code, Op op, Throwable e) {
        String what = code == null ? "HTTP " + status : code + ", HTTP " + status;
        return switch (status) {
            case 304 -> new StorageException(ErrorKind.NOT_MODIFIED, "not modified", e);
            case 401, 403 -> auth("Azure refused the backend's credentials (" + what + ")", e);
            case 404 -> op == Op.CONTAINER
                    ? new StorageException(ErrorKind.CONTAINER_NOT_FOUND, "bucket not found (" + what + ")", e)
                    : op == Op.WRITE ? failed("If-Match given but the object does not exist", e)
                    : new StorageException(ErrorKind.OBJECT_NOT_FOUND, "object not found (" + what + ")", e);
            case 409 -> new StorageException(ErrorKind.CONFLICT, "conflict (" + what + ")", e);
            case 412 -> failed("condition not met (" + what + ")", e);
            case 413 -> new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "too large (" + what + ")", e);
            case 416 -> new StorageException(ErrorKind.INVALID_RANGE, "range not satisfiable", e);
            case 429 -> new StorageException(ErrorKind.RATE_LIMITED, null, "Azure asked to slow down (" + what + ")", true, e);
            case 408, 504 -> new StorageException(ErrorKind.TIMEOUT, null, "Azure timed out (" + what + ")", true, e);
            case 500, 502, 503 -> new StorageException(ErrorKind.UNAVAILABLE, null, "Azure is failing (" + what + ")", true, e);
            default -> status >= 400 && status < 500
                    ? StorageException.invalid("invalid_argument", "Azure rejected the request (" + what + ")")
                    : new StorageException(ErrorKind.UNAVAILABLE, null, "unexpected answer from Azure (" + what + ")", status >= 500, e);
        };
    }

    private StorageException auth(String detail, Throwable cause) {
        return new StorageException(ErrorKind.BACKEND_AUTH_FAILED, null,
                "Azure backend '" + backend + "': " + detail + "; check its credentials", false, cause);
    }

    private static StorageException failed(String detail, Throwable cause) {
        return new StorageException(ErrorKind.PRECONDITION_FAILED, detail, cause);
    }

    private static boolean is(BlobErrorCode code, BlobErrorCode expected) {
        return expected.toString().equalsIgnoreCase(code.toString());
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
