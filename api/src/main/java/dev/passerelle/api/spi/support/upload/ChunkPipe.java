package dev.passerelle.api.spi.support.upload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The body of a request streamed while it is read ({@link UploadEngine#stream}): the uploading thread
 * reads the caller's stream (hashing it on the way) into a few fixed chunks and hands them over; the
 * HTTP client's thread writes them to the socket ({@link #drainTo}). Memory per upload is
 * {@code chunks x chunkSize}, whatever the object's size.
 *
 * <p>The uploading thread decides when the request may complete: it holds the last chunk back until
 * the whole body has been verified, then sends it with {@link #end}; or it calls {@link #fail}, and
 * the request is cut before its last byte, so the host (which expects Content-Length bytes) never
 * commits an object. The body is one-shot: it is never replayed.
 */
public final class ChunkPipe {
    private static final long POLL_MS = 50;

    /** A chunk of the body, an end marker, or a failure marker. */
    private record Item(byte[] data, int length, String failure) {
    }

    private static final Item END = new Item(null, 0, null);

    /** Where {@link #drainTo} writes the body: the HTTP client's request sink. */
    public interface Sink {
        void write(byte[] data, int offset, int length) throws IOException;
    }

    private final int chunkSize;
    private final BlockingQueue<byte[]> free;
    /** Unbounded, but never holds more than the chunks in circulation plus one marker. */
    private final BlockingQueue<Item> full = new LinkedBlockingQueue<>();
    private int allocated;
    private final int chunks;

    /**
     * @param chunks how many chunks circulate (at least 2: one held back, one being filled)
     * @param chunkSize the size of each chunk
     */
    ChunkPipe(int chunks, int chunkSize) {
        if (chunks < 2 || chunkSize <= 0) {
            throw new IllegalArgumentException("need at least 2 chunks of a positive size");
        }
        this.chunks = chunks;
        this.chunkSize = chunkSize;
        this.free = new ArrayBlockingQueue<>(chunks);
    }

    /**
     * The uploading side: a chunk to fill, allocated on first use (a small body never allocates them all).
     *
     * @param requestDone tells whether the request already ended (failed early): then waiting stops
     * @return a chunk of {@link #chunkSize()} bytes, or null when the request already ended
     */
    byte[] takeChunk(BooleanSupplier requestDone) throws InterruptedIOException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        if (allocated < chunks) {
            allocated++;
            return new byte[chunkSize];
        }
        try {
            while (true) {
                b = free.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
                if (requestDone.getAsBoolean()) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send the upload");
        }
    }

    /** @return the size of each chunk */
    int chunkSize() {
        return chunkSize;
    }

    /** The uploading side: hands over {@code data[0..length)} to be sent. */
    void send(byte[] data, int length) {
        full.add(new Item(data, length, null));
    }

    /** The uploading side: every byte has been handed over; the request may complete. */
    void end() {
        full.add(END);
    }

    /** The uploading side: the body is bad; the request is cut before its end. */
    void fail(String reason) {
        full.add(new Item(null, 0, reason == null ? "the upload failed" : reason));
    }

    /**
     * The HTTP client's side: writes the chunks as they come until the end marker, or fails before
     * the last byte when the uploading side called {@link #fail}. Called once: the body is never replayed.
     */
    public void drainTo(Sink sink) throws IOException {
        try {
            while (true) {
                Item item = full.take();
                if (item == END) {
                    return;
                }
                if (item.failure != null) {
                    throw new IOException("upload aborted before its last byte: " + item.failure);
                }
                sink.write(item.data, 0, item.length);
                free.offer(item.data);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending the upload");
        }
    }
}
