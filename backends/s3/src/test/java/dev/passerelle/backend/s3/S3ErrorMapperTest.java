package dev.passerelle.backend.s3;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 backend's one error mapper over the answers hosts give (status, code, retryable). */
class S3ErrorMapperTest {
    private final S3ErrorMapper mapper = new S3ErrorMapper("cellar");

    private StorageException direct(int status, String code) {
        return mapper.map(new DirectS3Http.DirectS3Exception(status, code, "detail"), "b", "k");
    }

    @Test
    void hostCodes() {
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, direct(404, "NoSuchKey").kind());
        assertEquals(ErrorKind.CONTAINER_NOT_FOUND, direct(404, "NoSuchBucket").kind());
        assertEquals(ErrorKind.PRECONDITION_FAILED, direct(412, "PreconditionFailed").kind());
        assertEquals(ErrorKind.INVALID_RANGE, direct(416, "InvalidRange").kind());
        StorageException e = direct(403, "SignatureDoesNotMatch");
        assertFalse(e.retryable(), e.toString());
        assertEquals("cellar", e.backend());
    }

    @Test
    void bareStatusesFromProxies() {
        // S3 answers 503 for SlowDown: a bare 503 is taken as that, retryable
        StorageException unavailable = direct(503, null);
        assertEquals(ErrorKind.RATE_LIMITED, unavailable.kind());
        assertTrue(unavailable.retryable());
        assertTrue(direct(502, null).retryable());
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, direct(404, null).kind());
    }

    @Test
    void transportFailuresAreRetryableUnavailability() {
        StorageException e = mapper.map(new CompletionException(new ConnectException("refused")), "b", "k");
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.retryable());
        assertTrue(mapper.map(new java.io.UncheckedIOException(new IOException("reset")), "b", "k").retryable());
    }

    @Test
    void noSuchKeyAnsweringAPutWithIfMatchIsAFailedCondition() {
        DirectS3Http.DirectS3Exception missing = new DirectS3Http.DirectS3Exception(404, "NoSuchKey", "gone");
        StorageException e = mapper.mapCommit(missing, true, "b", "k");
        assertEquals(ErrorKind.PRECONDITION_FAILED, e.kind());
        assertEquals("cellar", e.backend());
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, mapper.mapCommit(missing, false, "b", "k").kind());
        assertEquals(ErrorKind.RATE_LIMITED, mapper.mapCommit(new DirectS3Http.DirectS3Exception(503, null, null), true, "b", "k").kind());
    }
}
