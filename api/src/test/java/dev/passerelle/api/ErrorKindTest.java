package dev.passerelle.api;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorKindTest {

    @Test
    void everyKindTheContractNamesIsInTheTable() {
        for (String name : new String[] {"CONTAINER_NOT_FOUND", "OBJECT_NOT_FOUND", "ALREADY_EXISTS", "CONFLICT", "PRECONDITION_FAILED",
                "NOT_MODIFIED", "INVALID_RANGE", "INVALID_ARGUMENT", "CHECKSUM_MISMATCH", "BACKEND_AUTH_FAILED", "FORBIDDEN", "QUOTA",
                "RATE_LIMITED", "UNAVAILABLE", "TIMEOUT", "UNSUPPORTED", "INTEGRITY", "INTERNAL"}) {
            ErrorKind.valueOf(name);
        }
    }

    @Test
    void codesAreUniqueLowercaseAndStatusesValid() {
        Set<String> codes = new HashSet<>();
        for (ErrorKind k : ErrorKind.values()) {
            assertTrue(k.code().matches("[a-z][a-z_]*"), k.code());
            assertTrue(codes.add(k.code()), "duplicate code " + k.code());
            assertTrue(k.httpStatus() >= 300 && k.httpStatus() < 600, k + " " + k.httpStatus());
        }
    }

    @Test
    void theStatusesTheGatewayPromises() {
        assertEquals(404, ErrorKind.CONTAINER_NOT_FOUND.httpStatus());
        assertEquals("no_such_bucket", ErrorKind.CONTAINER_NOT_FOUND.code());
        assertEquals("no_such_key", ErrorKind.OBJECT_NOT_FOUND.code());
        assertEquals(412, ErrorKind.PRECONDITION_FAILED.httpStatus());
        assertEquals(304, ErrorKind.NOT_MODIFIED.httpStatus());
        assertEquals(416, ErrorKind.INVALID_RANGE.httpStatus());
        assertEquals("checksum_mismatch", ErrorKind.CHECKSUM_MISMATCH.code());
        assertEquals(400, ErrorKind.CHECKSUM_MISMATCH.httpStatus());
        assertEquals(502, ErrorKind.BACKEND_AUTH_FAILED.httpStatus(), "the host refusing OUR credentials is never a client 401");
        assertEquals("backend_auth_failed", ErrorKind.BACKEND_AUTH_FAILED.code());
        assertEquals(503, ErrorKind.UNAVAILABLE.httpStatus());
        assertEquals("backend_unavailable", ErrorKind.UNAVAILABLE.code());
        assertEquals(413, ErrorKind.PAYLOAD_TOO_LARGE.httpStatus());
        assertEquals(401, ErrorKind.UNAUTHORIZED.httpStatus());
        assertEquals(403, ErrorKind.FORBIDDEN.httpStatus());
    }

    @Test
    void onlyTemporaryKindsAreRetryableByDefault() {
        Set<ErrorKind> retryable = EnumSet.noneOf(ErrorKind.class);
        for (ErrorKind k : ErrorKind.values()) {
            if (k.retryableByDefault()) {
                retryable.add(k);
            }
        }
        assertEquals(EnumSet.of(ErrorKind.RATE_LIMITED, ErrorKind.UNAVAILABLE, ErrorKind.TIMEOUT), retryable);
    }

    @Test
    void exceptionCarriesKindCodeAndContextOnce() {
        StorageException e = StorageException.invalid("invalid_key", "bad key");
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("invalid_key", e.code());
        assertFalse(e.retryable());
        e.withBackend("a").withBackend("b").withLocation("box", "k").withLocation("other", null);
        assertEquals("a", e.backend());
        assertEquals("box", e.container());
        assertEquals("k", e.key());
        assertEquals("INVALID_ARGUMENT: bad key [backend=a, container=box, key=k]", e.getMessage());
        assertEquals("bad key", e.detail());
        StorageException t = new StorageException(ErrorKind.TIMEOUT, "slow");
        assertTrue(t.retryable());
        assertEquals("backend_timeout", t.code());
        assertEquals("TIMEOUT: slow", t.getMessage());
    }
}
