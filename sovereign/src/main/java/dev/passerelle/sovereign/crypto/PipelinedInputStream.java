package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.io.BulkInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a source stream on a background thread, a bounded number of blocks ahead, so the work
 * behind the source (hashing and encrypting the plaintext) overlaps with the work of the reader
 * (the backend hashing and writing ciphertext). Memory: {@code depth + 2} blocks. A failure of the
 * source is rethrown to the reader as is (a {@link dev.passerelle.api.StorageException} keeps its
 * kind). {@link #close()} stops the producer and waits for it, so the source is never read after
 * close returns (unless the source blocks for longer than the join timeout).
 */
final class PipelinedInputStream extends BulkInputStream {
    private static final Object END = new Object();
    private static final long JOIN_MILLIS = 30_000;

    private final BlockingQueue<Object> queue;
    private final Thread producer;
    private volatile boolean closed;
    private byte[] current;
    private int pos;
    private boolean done;

    /**
     * @param source the stream to read ahead (read only by the background thread)
     * @param blockSize bytes per block
     * @param depth blocks buffered ahead
     * @param name the background thread's name
     */
    PipelinedInputStream(InputStream source, int blockSize, int depth, String name) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.producer = new Thread(() -> produce(source, blockSize), name);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(InputStream source, int blockSize) {
        try {
            while (!closed) {
                byte[] b = new byte[blockSize];
                int n = source.readNBytes(b, 0, blockSize);
                if (n > 0) {
                    put(n == blockSize ? b : Arrays.copyOf(b, n));
                }
                if (n < blockSize) {
                    put(END);
                    return;
                }
            }
        } catch (Throwable t) {
            put(t);
        }
    }

    private void put(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (closed) {
            throw new IOException("stream closed");
        }
        if (current == null || pos == current.length) {
            if (done || !next()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean next() throws IOException {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the encryption thread");
        }
        if (item == END) {
            done = true;
            return false;
        }
        if (item instanceof Throwable t) {
            done = true;
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error er) {
                throw er;
            }
            throw new IOException(t);
        }
        current = (byte[]) item;
        pos = 0;
        return true;
    }

    /** Stops the producer and waits for it; the source itself stays open (its owner closes it). */
    @Override
    public void close() throws IOException {
        closed = true;
        queue.clear();
        try {
            producer.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
