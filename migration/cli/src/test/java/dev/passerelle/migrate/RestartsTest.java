package dev.passerelle.migrate;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures restart a whole object copy: the ones no call retry could mend, never one the call layer spent its attempts on. */
class RestartsTest {

    @Test
    void aFailureTheCallLayerRetriedToTheEndDoesNotRestartTheCopy() {
        StorageException spent = new StorageException(ErrorKind.UNAVAILABLE, "503 three times").exhausted(3);
        assertFalse(Restarts.restartable(spent));
        assertFalse(Restarts.restartable(new RuntimeException("wrapped", spent)));
        assertFalse(Restarts.restartable(new StorageException(ErrorKind.INTERNAL, "around it", spent)),
                "not even under an INTERNAL wrapper");
        assertFalse(Restarts.restartable(new StorageException(ErrorKind.TIMEOUT, "one attempt configured").exhausted(1)));
    }

    @Test
    void whatTheCallLayerCouldNotReplayRestartsTheCopy() {
        // a put whose stream was read: the call layer rethrows the host's retryable answer as it is
        assertTrue(Restarts.restartable(new StorageException(ErrorKind.UNAVAILABLE, "reset after the first part")));
        // a source stream cut in the middle of its body, as a destination's put sees it
        assertTrue(Restarts.restartable(new UncheckedIOException(new IOException("connection reset"))));
        assertTrue(Restarts.restartable(new StorageException(ErrorKind.INTERNAL, "reading the body failed", new IOException("reset"))));
        // bytes damaged on the way: a new read of the source may bring them whole
        assertTrue(Restarts.restartable(new StorageException(ErrorKind.CHECKSUM_MISMATCH, "md5 differs")));
        assertTrue(Restarts.restartable(new StorageException(ErrorKind.INTEGRITY, "sha-256 differs")));
    }

    @Test
    void persistentAnswersDoNotRestartTheCopy() {
        for (ErrorKind k : new ErrorKind[] {ErrorKind.BACKEND_AUTH_FAILED, ErrorKind.FORBIDDEN, ErrorKind.QUOTA, ErrorKind.INVALID_ARGUMENT,
                ErrorKind.CONTAINER_NOT_FOUND, ErrorKind.UNSUPPORTED}) {
            assertFalse(Restarts.restartable(new StorageException(k, "no")), k.name());
            assertFalse(Restarts.restartable(new StorageException(k, "no", new IOException("under it"))), k + " over an I/O failure");
        }
        assertFalse(Restarts.restartable(new StorageException(ErrorKind.UNAVAILABLE, null, "closed for good", false, null)));
        assertFalse(Restarts.restartable(new IllegalStateException("a bug")));
    }
}
