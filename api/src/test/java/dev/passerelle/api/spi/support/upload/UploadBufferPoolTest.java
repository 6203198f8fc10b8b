package dev.passerelle.api.spi.support.upload;

import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The store-wide upload buffer budget on its own. */
class UploadBufferPoolTest {
    private static final int PART = 1024;

    @Test
    void partSizeBuffersAreReusedNotReallocated() {
        UploadBufferPool pool = new UploadBufferPool(4 * PART, PART);
        byte[] a = pool.acquire(PART, () -> null);
        pool.release(a);
        assertEquals(1, pool.idle());
        assertSame(a, pool.acquire(PART, () -> null));
    }

    @Test
    void neverMoreThanTheBudget() {
        UploadBufferPool pool = new UploadBufferPool(3 * PART, PART);
        byte[] a = pool.tryAcquire(PART);
        byte[] b = pool.tryAcquire(PART);
        byte[] c = pool.tryAcquire(PART);
        assertNotNull(c);
        assertNull(pool.tryAcquire(PART), "a fourth buffer would exceed the budget");
        assertNull(pool.tryAcquire(10), "even a small one");
        pool.release(b);
        assertSame(b, pool.tryAcquire(PART));
        pool.release(a);
        // an odd size evicts the idle part buffer rather than exceed the budget
        byte[] small = pool.tryAcquire(100);
        assertNotNull(small);
        assertEquals(0, pool.idle());
        assertEquals(PART - 100, pool.available());
        pool.release(small);
        assertEquals(PART, pool.available(), "odd sizes are dropped and their budget given back");
    }

    @Test
    void aBufferLargerThanTheBudgetWaitsForEverythingElse() {
        UploadBufferPool pool = new UploadBufferPool(2 * PART, PART);
        byte[] a = pool.tryAcquire(PART);
        assertNull(pool.tryAcquire(5 * PART));
        pool.release(a);
        byte[] huge = pool.tryAcquire(5 * PART);
        assertNotNull(huge);
        assertEquals(5 * PART, huge.length);
        assertEquals(0, pool.available());
        pool.release(huge);
        assertEquals(2 * PART, pool.available());
    }

    @Test
    void waitersProceedWhenMemoryComesBack() throws Exception {
        UploadBufferPool pool = new UploadBufferPool(2 * PART, PART);
        byte[] a = pool.acquire(PART, () -> null);
        pool.reserve(PART, () -> null);
        CompletableFuture<byte[]> waiting = CompletableFuture.supplyAsync(() -> pool.acquire(PART, () -> null));
        assertThrows(TimeoutException.class, () -> waiting.get(200, TimeUnit.MILLISECONDS));
        pool.unreserve(PART);
        assertEquals(PART, waiting.get(5, TimeUnit.SECONDS).length);
        pool.release(a);
    }

    @Test
    void aFailedUploadStopsWaiting() {
        UploadBufferPool pool = new UploadBufferPool(PART, PART);
        pool.acquire(PART, () -> null);
        StorageException e = assertThrows(StorageException.class, () -> pool.acquire(PART, () -> new RuntimeException("part 3 failed")));
        assertEquals("part 3 failed", e.getCause().getMessage());
    }

    @Test
    void partBuffersCapOneUploadAndGiveEverythingBack() {
        UploadBufferPool pool = new UploadBufferPool(8 * PART, PART);
        PartBuffers upload = new PartBuffers(pool, PART, 2);
        byte[] a = upload.acquire(() -> null);
        byte[] b = upload.acquire(() -> null);
        assertEquals(6 * PART, pool.available());
        RuntimeException failed = new RuntimeException("boom");
        // the third would exceed this upload's capacity: it waits, and stops when the upload failed
        assertThrows(StorageException.class, () -> upload.acquire(() -> failed));
        upload.release(a);
        assertSame(a, upload.acquire(() -> null));
        upload.release(a);
        upload.release(b);
        upload.close();
        assertEquals(6 * PART, pool.available(), "kept as idle part buffers for the next upload");
        assertEquals(2, pool.idle());
    }
}
