package dev.passerelle.api;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one bounded loop of a read made of two requests, the object's properties first and then its
 * bytes pinned to the ETag they gave: when another writer replaces the object between the two, the
 * pinned request fails and the read starts over on the new version. It is not a retry of a failed
 * call (core's call layer does those, docs/retries.md): every request of it is a call that succeeded
 * or failed on its own, and it starts over only on a replacement, never on a host failure. Used by
 * the encryption layer and by the backends whose ranged reads need the size or the ETag first.
 */
public final class ReplacedObjectReads {
    /** The most reads of one object: the first and two more after it was replaced meanwhile. */
    public static final int MAX_READS = 3;

    private ReplacedObjectReads() {
    }

    /**
     * Reads until one read is not overtaken by a replacement, at most {@link #MAX_READS} times.
     *
     * @param read one read: its result, or empty when the object was replaced between its two requests
     * @return the first result
     * @throws StorageException CONFLICT (not retryable) when the object was replaced during every read;
     *         whatever {@code read} throws
     */
    public static <T> T read(Supplier<Optional<T>> read) {
        for (int n = 1; n <= MAX_READS; n++) {
            Optional<T> result = read.get();
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw new StorageException(ErrorKind.CONFLICT, "the object was replaced during each of " + MAX_READS + " reads");
    }
}
