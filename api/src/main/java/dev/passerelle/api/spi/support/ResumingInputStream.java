package dev.passerelle.api.spi.support;

import dev.passerelle.api.io.BulkInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a whole-object read of known size: exactly {@code size} bytes. When the connection
 * breaks (or the body ends early), the rest is asked for again from the offset reached, at most
 * {@code resumes} times. The {@link Reopener} pins each new request to the version first served
 * (If-Match on its ETag), so a replaced object fails the read instead of mixing two versions.
 */
public final class ResumingInputStream extends BulkInputStream {
    /**
     * The resumes of one read unless its backend is configured otherwise (Azure's {@code read-resumes}).
     * A resume continues a call that succeeded; it is not a retry of a failed call (docs/retries.md).
     */
    public static final int DEFAULT_RESUMES = 2;

    /** Asks the host for the object's bytes from an offset to its end. */
    @FunctionalInterface
    public interface Reopener {
        /**
         * @param offset the first byte wanted
         * @return the bytes from there to the end
         * @throws IOException when the host refuses: {@link #changed} when the pinned version is gone
         *         (a RuntimeException is reported as a failed resume)
         */
        InputStream from(long offset) throws IOException;
    }

    /**
     * What a {@link Reopener} throws when the host refuses the pinned ETag (412): the object was
     * replaced since the read started.
     *
     * @param offset the bytes read so far
     * @param size the object's size
     * @param cause the host's answer
     * @return the exception to throw
     */
    public static IOException changed(long offset, long size, Throwable cause) {
        return new IOException("the object changed while it was read (" + offset + " of " + size + " bytes read)", cause);
    }

    private final long size;
    private final Reopener reopener;
    private InputStream body;
    private long position;
    private int resumesLeft;
    private boolean closed;

    /**
     * @param size the object's size
     * @param body the first answer's body
     * @param reopener asks for the rest
     * @param resumes the most new requests
     */
    public ResumingInputStream(long size, InputStream body, Reopener reopener, int resumes) {
        this.size = size;
        this.body = body;
        this.reopener = reopener;
        this.resumesLeft = resumes;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        long left = size - position;
        if (left <= 0) {
            return -1;
        }
        int want = (int) Math.min(len, left);
        while (true) {
            IOException failure;
            try {
                int n = body.read(b, off, want);
                if (n > 0) {
                    position += n;
                    return n;
                }
                failure = new IOException("the connection ended after " + position + " of " + size + " bytes");
            } catch (IOException e) {
                failure = e;
            }
            resume(failure);
        }
    }

    private void resume(IOException failure) throws IOException {
        if (resumesLeft-- <= 0) {
            throw failure;
        }
        try {
            body.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        try {
            body = reopener.from(position);
        } catch (IOException e) {
            e.addSuppressed(failure);
            throw e;
        } catch (RuntimeException e) {
            IOException io = new IOException("resuming the read after " + position + " bytes failed: " + e.getMessage(), e);
            io.addSuppressed(failure);
            throw io;
        }
    }

    @Override
    public int available() throws IOException {
        return closed ? 0 : (int) Math.min(body.available(), size - position);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            body.close();
        }
    }
}
