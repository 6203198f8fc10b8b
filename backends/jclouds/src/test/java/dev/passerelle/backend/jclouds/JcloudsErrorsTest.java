package dev.passerelle.backend.jclouds;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.jclouds.aws.AWSResponseException;
import org.jclouds.aws.domain.AWSError;
import org.jclouds.http.HttpCommand;
import org.jclouds.http.HttpRequest;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;
import org.jclouds.openstack.swift.v1.handlers.SwiftErrorHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The jclouds backend's one error mapper (kind, code, retryable) over what jclouds really raises:
 * Swift answers passed through jclouds' own {@link SwiftErrorHandler} (which turns some statuses into
 * typed exceptions and wraps others), S3 answers as the {@code s3} API's {@link AWSResponseException}
 * with the host's code, bare statuses (a proxy's), and I/O failures under jclouds' wrappers.
 */
class JcloudsErrorsTest {
    private static final String ACCOUNT = "http://127.0.0.1:8080/v1/AUTH_test";
    private final JcloudsErrors errors = new JcloudsErrors("swift");

    private static void assertMapped(StorageException e, ErrorKind kind, String code, boolean retryable) {
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(retryable, e.retryable(), e.getMessage());
        assertEquals("swift", e.backend());
    }

    /** @return what jclouds' Swift error handler makes of an answer, mapped */
    private StorageException swift(String method, String container, String key, int status, String body) {
        HttpCommand command = new HttpCommand(HttpRequest.builder().method(method)
                .endpoint(ACCOUNT + "/" + container + (key == null ? "" : "/" + key)).build());
        HttpResponse.Builder<?> response = HttpResponse.builder().statusCode(status).message("status " + status);
        if (body != null) {
            response.payload(body);
        }
        new SwiftErrorHandler().handleError(command, response.build());
        return errors.map(command.getException(), container, key);
    }

    private static HttpResponse status(int status) {
        return HttpResponse.builder().statusCode(status).message("status " + status).build();
    }

    private static HttpCommand get() {
        return new HttpCommand(HttpRequest.builder().method("GET").endpoint("http://127.0.0.1:9000/box/k").build());
    }

    @Test
    void swiftAnswers() {
        assertMapped(swift("GET", "box", "k", 404, "<html><h1>Not Found</h1></html>"), ErrorKind.OBJECT_NOT_FOUND, "no_such_key", false);
        assertMapped(swift("GET", "box", null, 404, null), ErrorKind.CONTAINER_NOT_FOUND, "no_such_bucket", false);
        assertMapped(swift("HEAD", "box", "k", 401, null), ErrorKind.BACKEND_AUTH_FAILED, "backend_auth_failed", false);
        assertMapped(swift("DELETE", "box", null, 409, "There was a conflict when trying to complete your request."),
                ErrorKind.CONFLICT, "conflict", false);
        assertMapped(swift("PUT", "box", "k", 412, null), ErrorKind.PRECONDITION_FAILED, "precondition_failed", false);
        assertMapped(swift("GET", "box", "k", 416, null), ErrorKind.INVALID_RANGE, "invalid_range", false);
        assertMapped(swift("PUT", "box", "k", 422, "Unprocessable Entity"), ErrorKind.CHECKSUM_MISMATCH, "checksum_mismatch", false);
        assertMapped(swift("PUT", "box", "k", 498, null), ErrorKind.RATE_LIMITED, "rate_limited", true);
        assertMapped(swift("PUT", "box", "k", 503, null), ErrorKind.RATE_LIMITED, "rate_limited", true);
        assertMapped(swift("GET", "box", "k", 500, "<html>Internal Server Error</html>"), ErrorKind.UNAVAILABLE, "backend_unavailable", true);
        assertMapped(swift("GET", "box", "k", 504, ""), ErrorKind.TIMEOUT, "backend_timeout", true);
        // Swift answers 413 for an object over its size limit and for a container quota alike: jclouds says "insufficient resources"
        assertMapped(swift("PUT", "box", "k", 413, "Upload exceeds quota."), ErrorKind.QUOTA, "quota_exceeded", false);
    }

    @Test
    void s3AnswersByTheirCode() {
        String[][] cases = {
                {"NoSuchKey", "404", "OBJECT_NOT_FOUND", "false"},
                {"NoSuchBucket", "404", "CONTAINER_NOT_FOUND", "false"},
                {"BucketNotEmpty", "409", "CONFLICT", "false"},
                {"SignatureDoesNotMatch", "403", "BACKEND_AUTH_FAILED", "false"},
                {"AccessDenied", "403", "FORBIDDEN", "false"},
                {"SlowDown", "503", "RATE_LIMITED", "true"},
                {"InternalError", "500", "UNAVAILABLE", "true"},
                {"RequestTimeout", "400", "TIMEOUT", "true"},
                {"BadDigest", "400", "CHECKSUM_MISMATCH", "false"},
                {"EntityTooLarge", "400", "PAYLOAD_TOO_LARGE", "false"},
                {"SomethingNew", "502", "UNAVAILABLE", "true"},
        };
        for (String[] c : cases) {
            AWSError error = new AWSError();
            error.setCode(c[0]);
            error.setMessage("message of " + c[0]);
            StorageException e = errors.map(new AWSResponseException(get(), status(Integer.parseInt(c[1])), error), "box", "k");
            assertEquals(ErrorKind.valueOf(c[2]), e.kind(), c[0]);
            assertEquals(Boolean.parseBoolean(c[3]), e.retryable(), c[0]);
        }
    }

    @Test
    void bareStatusesFromAProxy() {
        assertMapped(errors.map(new HttpResponseException(get(), status(502)), "box", "k"), ErrorKind.UNAVAILABLE, "backend_unavailable", true);
        assertMapped(errors.map(new HttpResponseException(get(), status(429)), "box", "k"), ErrorKind.RATE_LIMITED, "rate_limited", true);
        assertMapped(errors.map(new HttpResponseException(get(), status(404)), "box", null), ErrorKind.CONTAINER_NOT_FOUND,
                "no_such_bucket", false);
        assertMapped(errors.map(new HttpResponseException(get(), status(418)), "box", "k"), ErrorKind.INTERNAL, "internal_error", false);
    }

    @Test
    void transportFailuresUnderJcloudsWrappers() {
        assertMapped(errors.map(new RuntimeException(new ExecutionException(new SocketTimeoutException("Read timed out"))), "box", "k"),
                ErrorKind.TIMEOUT, "backend_timeout", true);
        assertMapped(errors.map(new HttpResponseException("connect", get(), null, new ConnectException("Connection refused")), "box", "k"),
                ErrorKind.UNAVAILABLE, "backend_unavailable", true);
        assertMapped(errors.map(new RuntimeException(new IOException("Connection reset")), "box", "k"),
                ErrorKind.UNAVAILABLE, "backend_unavailable", true);
        StorageException ours = StorageException.invalid("incomplete_body", "the upload stream ended early");
        assertEquals("incomplete_body", errors.map(new RuntimeException(ours), "box", "k").code(), "our own exception inside jclouds' wrapping wins");
    }
}
