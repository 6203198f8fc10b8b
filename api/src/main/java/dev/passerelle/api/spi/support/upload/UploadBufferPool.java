package dev.passerelle.api.spi.support.upload;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The upload memory of ONE store, shared by all its uploads (S3: {@code upload-buffer-memory}), or
 * of one upload (Azure): at most {@code budget} bytes of buffers exist at once. Buffers of the store's part size are kept
 * when given back and handed out again (not reallocated per part); other sizes (a small object's
 * exact body, the larger parts of a huge object) are dropped when given back. When the budget is
 * used up, an upload waits for a buffer instead of exhausting the heap; one buffer larger than the
 * whole budget is allowed when nothing else is held.
 *
 * <p>Budget can also be reserved without a buffer ({@link #reserve}): a body of unknown length
 * reserves one part's worth up front and then grows its own buffer, so a small body costs a small
 * allocation and no upload ever waits for more memory while holding some (no deadlock).
 */
public final class UploadBufferPool {
    private static final long WAIT_MS = 50;

    private final long budget;
    private final int partSize;
    private final ArrayDeque<byte[]> idle = new ArrayDeque<>();
    private long available;

    /**
     * @param budget the most bytes of buffers at once
     * @param partSize the size of the buffers worth keeping (the store's part size)
     */
    public UploadBufferPool(long budget, int partSize) {
        if (budget <= 0 || partSize <= 0) {
            throw new IllegalArgumentException("budget and part size must be positive");
        }
        this.budget = budget;
        this.partSize = partSize;
        this.available = budget;
    }

    /** @return the pool's part size: the size of the buffers it keeps */
    public int partSize() {
        return partSize;
    }

    /**
     * @param size the buffer's size
     * @param failed tells whether the upload already failed, so the caller stops waiting
     * @return a buffer of exactly {@code size} bytes (contents undefined)
     * @throws StorageException UNAVAILABLE when the upload failed or the thread was interrupted while waiting
     */
    public byte[] acquire(int size, Supplier<Throwable> failed) {
        while (true) {
            byte[] b = tryAcquire(size);
            if (b != null) {
                return b;
            }
            await(failed);
        }
    }

    /** @return a buffer of exactly {@code size} bytes, or null when the budget does not allow one now */
    public byte[] tryAcquire(int size) {
        synchronized (this) {
            if (size == partSize && !idle.isEmpty()) {
                return idle.pop();
            }
            if (!take(cost(size))) {
                return null;
            }
        }
        try {
            return new byte[size];
        } catch (OutOfMemoryError e) {
            give(cost(size));
            throw e;
        }
    }

    /**
     * Reserves budget without a buffer (see the class comment); undo with {@link #unreserve}, or,
     * when it became a buffer of the part size, with {@link #release} of that buffer.
     *
     * @param bytes how much to reserve
     * @param failed as for {@link #acquire}
     */
    public void reserve(long bytes, Supplier<Throwable> failed) {
        while (true) {
            synchronized (this) {
                if (take(cost(bytes))) {
                    return;
                }
            }
            await(failed);
        }
    }

    /** Gives back a reservation. */
    public void unreserve(long bytes) {
        give(cost(bytes));
    }

    /** Gives a buffer back: kept for reuse when it has the part size, else dropped. */
    public void release(byte[] buffer) {
        synchronized (this) {
            if (buffer.length == partSize) {
                idle.push(buffer);
                notifyAll();
                return;
            }
        }
        give(cost(buffer.length));
    }

    /** @return the bytes not held by any buffer or reservation (idle kept buffers count as held) */
    public synchronized long available() {
        return available;
    }

    /** @return how many part-size buffers wait for reuse */
    public synchronized int idle() {
        return idle.size();
    }

    /** Drops the kept buffers (their memory goes back to the garbage collector). */
    public synchronized void trim() {
        available += (long) idle.size() * cost(partSize);
        idle.clear();
        notifyAll();
    }

    private long cost(long size) {
        return Math.min(size, budget);
    }

    /** Takes {@code cost} from the budget, dropping kept buffers if that makes room. Caller holds the lock. */
    private boolean take(long cost) {
        while (available < cost && !idle.isEmpty()) {
            idle.pop();
            available += cost(partSize);
        }
        if (available < cost) {
            return false;
        }
        available -= cost;
        return true;
    }

    private synchronized void give(long cost) {
        available += cost;
        notifyAll();
    }

    private synchronized void await(Supplier<Throwable> failed) {
        Throwable t = failed.get();
        if (t != null) {
            throw new StorageException(ErrorKind.UNAVAILABLE, null, "the upload failed while waiting for buffer memory", true, t);
        }
        try {
            wait(WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorKind.UNAVAILABLE, null, "interrupted while waiting for upload buffer memory", true, e);
        }
    }
}
