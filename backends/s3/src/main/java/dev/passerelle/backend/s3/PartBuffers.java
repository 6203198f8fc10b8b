package dev.passerelle.backend.s3;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bounded buffer pool of ONE multipart upload: at most {@code capacity} buffers of the part
 * size exist, allocated on demand; the reader waits for a buffer an in-flight part gives back.
 * Memory per upload is therefore at most part size x capacity, whatever the object's size.
 */
final class PartBuffers {
    private final int partSize;
    private final int capacity;
    private final BlockingQueue<byte[]> free;
    private int allocated;

    /**
     * @param partSize the size of each buffer
     * @param capacity the most buffers (parts in flight + the one being filled)
     */
    PartBuffers(int partSize, int capacity) {
        this.partSize = partSize;
        this.capacity = capacity;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    /** Counts a buffer created elsewhere (the first part, read before the upload started) as one of the pool's. */
    synchronized void adopt() {
        allocated++;
    }

    /**
     * @param failed tells whether the upload already failed, so the reader stops waiting
     * @return a free buffer
     * @throws StorageException when the upload failed or the thread was interrupted while waiting
     */
    byte[] acquire(Supplier<Throwable> failed) {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (allocated < capacity) {
                allocated++;
                return new byte[partSize];
            }
        }
        try {
            while ((b = free.poll(50, TimeUnit.MILLISECONDS)) == null) {
                Throwable t = failed.get();
                if (t != null) {
                    throw new StorageException(ErrorKind.UNAVAILABLE, null, "a part upload failed", true, t);
                }
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorKind.UNAVAILABLE, null, "interrupted while waiting for a part buffer", true, e);
        }
    }

    /** Gives a buffer back. */
    void release(byte[] buffer) {
        if (buffer.length == partSize) {
            free.offer(buffer);
        }
    }

    /**
     * Reads until {@code buffer} is full or the stream ends.
     *
     * @return the number of bytes read; less than the buffer's length only at the end of the stream
     */
    static int fill(InputStream in, byte[] buffer, int limit) throws IOException {
        int n = 0;
        while (n < limit) {
            int r = in.read(buffer, n, limit - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /**
     * Reads the start of a stream of unknown length into a buffer that grows (doubling) up to
     * {@code max}: a small object costs a small buffer.
     *
     * @return the buffer and how much of it holds data; the buffer's length is {@code max} when it is full
     */
    static Chunk fillGrowing(InputStream in, int max) throws IOException {
        byte[] buf = new byte[Math.min(max, 64 * 1024)];
        int n = 0;
        while (true) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return new Chunk(buf, n, true);
            }
            n += r;
            if (n == buf.length) {
                if (buf.length == max) {
                    return new Chunk(buf, n, false);
                }
                byte[] bigger = new byte[(int) Math.min((long) max, buf.length * 2L)];
                System.arraycopy(buf, 0, bigger, 0, n);
                buf = bigger;
            }
        }
    }

    /**
     * A filled buffer.
     *
     * @param buffer the bytes
     * @param length how many of them hold data
     * @param endOfStream whether the stream ended inside this buffer
     */
    record Chunk(byte[] buffer, int length, boolean endOfStream) {
    }
}
