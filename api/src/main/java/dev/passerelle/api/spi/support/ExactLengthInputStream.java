package dev.passerelle.api.spi.support;

import dev.passerelle.api.io.BulkInputStream;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Serves exactly {@code length} bytes of a host's download after skipping {@code skip} bytes: it
 * stops at the length even if the host sends more, and fails with an {@link EOFException} if the
 * host's stream ends early, so a cut connection is never mistaken for a shorter object.
 *
 * <p>Skipping serves hosts that ignore a Range header and send the whole object. Closing this
 * stream closes the host's stream. Mark and reset are not supported.
 */
public final class ExactLengthInputStream extends FilterInputStream {
    private long toSkip;
    private long remaining;

    /**
     * @param in the host's stream (closed with this one)
     * @param skip bytes to drop first
     * @param length bytes to serve
     */
    public ExactLengthInputStream(InputStream in, long skip, long length) {
        super(in);
        this.toSkip = skip;
        this.remaining = length;
    }

    private void skipLeading() throws IOException {
        while (toSkip > 0) {
            long n = in.skip(toSkip);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the host's stream ended before the range started");
                }
                n = 1;
            }
            toSkip -= n;
        }
    }

    @Override
    public int read() throws IOException {
        return BulkInputStream.readOneByte(this);
    }

    /**
     * @throws EOFException when the host's stream ends before the range starts or before
     *         {@code length} bytes were served
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        skipLeading();
        if (remaining <= 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("the host's stream ended " + remaining + " bytes early");
        }
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        skipLeading();
        long skipped = in.skip(Math.min(n, remaining));
        remaining -= Math.max(0, skipped);
        return skipped;
    }

    /** @return 0 while leading bytes remain to be skipped, else what the host has, up to the bytes left */
    @Override
    public int available() throws IOException {
        return toSkip > 0 ? 0 : (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
