package dev.passerelle.migrate;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.decorators.RetryPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The restart of a whole object copy (or a whole read-back) from the source, bounded by
 * {@code --retries}: a loop of a different kind from the retry of a call, which core's call layer
 * does once for every call (docs/retries.md). A restart reads the source again, which the call layer
 * cannot do for a put whose stream it has already handed to the backend. A failure restarts the
 * object when, and only when, it is one of:
 * <ul>
 *   <li>still {@linkplain StorageException#retryable() retryable} after the call layer: that layer marks
 *       every failure it retried to the end persistent, so what is left retryable is a put that failed
 *       after its stream was read (the call layer could not replay it), or a failure inside a stream a
 *       get returned (the call layer retries a get's opening only);</li>
 *   <li>an I/O failure not classified by a backend (a source stream cut in the middle of its body);</li>
 *   <li>{@code CHECKSUM_MISMATCH} or {@code INTEGRITY}: the bytes were damaged on the way, a new read of
 *       the source may bring them whole.</li>
 * </ul>
 * Never one the call layer has already retried to the end ({@link StorageException#attempts()} &gt; 0):
 * restarting it would multiply the host requests the operator bounded with {@code retry-max-attempts}.
 */
final class Restarts {
    private Restarts() {
    }

    /** @return whether the whole object should be copied (or read) again after this failure */
    static boolean restartable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageException se) {
                if (se.attempts() > 0) {
                    return false;
                }
                if (se.retryable() || se.kind() == ErrorKind.CHECKSUM_MISMATCH || se.kind() == ErrorKind.INTEGRITY) {
                    return true;
                }
                if (se.kind() != ErrorKind.INTERNAL) {
                    return false;
                }
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits before the next attempt of a whole object.
     *
     * @param policy the run's restart policy ({@code --retries} + 1 attempts, {@code --retry-delay})
     * @param failedAttempt the attempt that just failed, 1 for the first
     * @throws StorageException INTERNAL when interrupted
     */
    static void pause(RetryPolicy policy, int failedAttempt) {
        try {
            Thread.sleep(policy.backoff(failedAttempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorKind.INTERNAL, "interrupted while waiting to copy again", e);
        }
    }
}
