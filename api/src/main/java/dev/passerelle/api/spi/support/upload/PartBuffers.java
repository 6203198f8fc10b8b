package dev.passerelle.api.spi.support.upload;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The part buffers of ONE multipart upload: at most {@code capacity} buffers (parts in flight plus
 * the one being filled), taken from the store-wide {@link UploadBufferPool} and reused part after
 * part; the reader waits for a buffer an in-flight part gives back, or for the pool. Memory per
 * upload is at most part size x capacity, and all uploads of a store together stay within the
 * pool's budget. {@link #close()} gives the buffers back to the pool.
 */
final class PartBuffers implements AutoCloseable {
    private final UploadBufferPool pool;
    private final int partSize;
    private final int capacity;
    private final BlockingQueue<byte[]> free;
    private final AtomicInteger held = new AtomicInteger();

    /**
     * @param pool the store's buffer memory
     * @param partSize the size of each buffer
     * @param capacity the most buffers (parts in flight + the one being filled)
     */
    PartBuffers(UploadBufferPool pool, int partSize, int capacity) {
        this.pool = pool;
        this.partSize = partSize;
        this.capacity = capacity;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    /** Counts a buffer taken from the pool elsewhere (the first part, read before the upload started) as one of this upload's. */
    void adopt() {
        held.incrementAndGet();
    }

    /**
     * @param failed tells whether the upload already failed, so the reader stops waiting
     * @return a free buffer of the part size
     * @throws StorageException when the upload failed or the thread was interrupted while waiting
     */
    byte[] acquire(Supplier<Throwable> failed) {
        try {
            while (true) {
                byte[] b = free.poll();
                if (b != null) {
                    return b;
                }
                if (held.get() < capacity) {
                    b = pool.tryAcquire(partSize);
                    if (b != null) {
                        held.incrementAndGet();
                        return b;
                    }
                }
                b = free.poll(20, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
                Throwable t = failed.get();
                if (t != null) {
                    throw new StorageException(ErrorKind.UNAVAILABLE, null, "a part upload failed", true, t);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorKind.UNAVAILABLE, null, "interrupted while waiting for a part buffer", true, e);
        }
    }

    /** Gives a buffer back to this upload (a part was sent, or not needed); one of another size goes back to the pool. */
    void release(byte[] buffer) {
        if (buffer.length != partSize || !free.offer(buffer)) {
            held.decrementAndGet();
            pool.release(buffer);
        }
    }

    /** Gives this upload's buffers back to the store's pool; call once no part is in flight. */
    @Override
    public void close() {
        byte[] b;
        while ((b = free.poll()) != null) {
            held.decrementAndGet();
            pool.release(b);
        }
    }
}
