package dev.passerelle.api;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The re-read of an object replaced between its two requests: bounded, and never a retry of a failure. */
class ReplacedObjectReadsTest {

    @Test
    void readsAgainWhileReplacedThenGivesUpWithAConflict() {
        AtomicInteger reads = new AtomicInteger();
        assertEquals("v3", ReplacedObjectReads.read(() -> reads.incrementAndGet() < 3 ? Optional.empty() : Optional.of("v3")));
        assertEquals(3, reads.get());

        reads.set(0);
        StorageException e = assertThrows(StorageException.class, () -> ReplacedObjectReads.read(() -> {
            reads.incrementAndGet();
            return Optional.empty();
        }));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertFalse(e.retryable());
        assertEquals(ReplacedObjectReads.MAX_READS, reads.get());
    }

    @Test
    void aFailureIsNotReadAgain() {
        AtomicInteger reads = new AtomicInteger();
        StorageException unavailable = new StorageException(ErrorKind.UNAVAILABLE, "503");
        assertSame(unavailable, assertThrows(StorageException.class, () -> ReplacedObjectReads.read(() -> {
            reads.incrementAndGet();
            throw unavailable;
        })));
        assertEquals(1, reads.get(), "host failures are the call layer's business");
    }
}
