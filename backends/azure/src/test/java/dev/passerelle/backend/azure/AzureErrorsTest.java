package dev.passerelle.backend.azure;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Azure backend's one error mapper over the answers Azure (and the proxies in front of it) give. */
class AzureErrorsTest {
    private final AzureErrors errors = new AzureErrors("az");

    private StorageException answer(int status, String code, AzureErrors.Op op) {
        return errors.map(new DirectBlobHttp.DirectHttpException(status, code), op, "c", "k");
    }

    @Test
    void azureCodes() {
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, answer(404, "BlobNotFound", AzureErrors.Op.READ).kind());
        assertEquals(ErrorKind.PRECONDITION_FAILED, answer(404, "BlobNotFound", AzureErrors.Op.WRITE).kind(), "If-Match on a missing blob");
        assertEquals(ErrorKind.CONTAINER_NOT_FOUND, answer(404, "ContainerNotFound", AzureErrors.Op.READ).kind());
        assertEquals(ErrorKind.ALREADY_EXISTS, answer(409, "ContainerAlreadyExists", AzureErrors.Op.CONTAINER).kind());
        assertEquals(ErrorKind.PRECONDITION_FAILED, answer(409, "BlobAlreadyExists", AzureErrors.Op.WRITE).kind());
        assertEquals(ErrorKind.NOT_MODIFIED, answer(304, "ConditionNotMet", AzureErrors.Op.READ).kind());
        assertEquals(ErrorKind.PRECONDITION_FAILED, answer(412, "ConditionNotMet", AzureErrors.Op.READ).kind());
        assertEquals(ErrorKind.CONFLICT, answer(400, "InvalidBlockList", AzureErrors.Op.WRITE).kind());
        assertEquals(ErrorKind.INVALID_RANGE, answer(416, "InvalidRange", AzureErrors.Op.READ).kind());
        assertEquals(ErrorKind.CHECKSUM_MISMATCH, answer(400, "Md5Mismatch", AzureErrors.Op.WRITE).kind());
        StorageException auth = answer(403, "AuthenticationFailed", AzureErrors.Op.READ);
        assertEquals(ErrorKind.BACKEND_AUTH_FAILED, auth.kind());
        assertFalse(auth.retryable());
        StorageException busy = answer(503, "ServerBusy", AzureErrors.Op.READ);
        assertEquals(ErrorKind.RATE_LIMITED, busy.kind());
        assertTrue(busy.retryable());
        assertEquals("az", busy.backend());
    }

    @Test
    void bareStatusesFromProxiesAndLoadBalancers() {
        for (int status : new int[] {500, 502, 503}) {
            StorageException e = answer(status, null, AzureErrors.Op.READ);
            assertEquals(ErrorKind.UNAVAILABLE, e.kind(), "HTTP " + status);
            assertTrue(e.retryable(), "HTTP " + status);
        }
        assertEquals(ErrorKind.TIMEOUT, answer(504, null, AzureErrors.Op.WRITE).kind());
        assertEquals(ErrorKind.RATE_LIMITED, answer(429, null, AzureErrors.Op.READ).kind());
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, answer(404, null, AzureErrors.Op.READ).kind());
        assertEquals(ErrorKind.CONTAINER_NOT_FOUND, answer(404, null, AzureErrors.Op.CONTAINER).kind());
        assertEquals(ErrorKind.BACKEND_AUTH_FAILED, answer(401, null, AzureErrors.Op.READ).kind());
        assertEquals(ErrorKind.INVALID_ARGUMENT, answer(400, null, AzureErrors.Op.READ).kind());
    }

    @Test
    void transportFailures() {
        StorageException refused = errors.map(new UncheckedIOException(new ConnectException("refused")), AzureErrors.Op.READ, "c", "k");
        assertEquals(ErrorKind.UNAVAILABLE, refused.kind());
        assertTrue(refused.retryable());
        assertEquals(ErrorKind.TIMEOUT, errors.map(new RuntimeException(new SocketTimeoutException("read")), AzureErrors.Op.READ, "c", "k").kind());
        StorageException reset = errors.map(new UncheckedIOException(new IOException("Connection reset")), AzureErrors.Op.WRITE, "c", "k");
        assertEquals(ErrorKind.UNAVAILABLE, reset.kind());
        assertTrue(reset.retryable());
    }
}
