package dev.passerelle.backend.s3;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Serves {@code length} bytes of a stream after skipping {@code skip} bytes, and fails (instead of
 * ending quietly) when the host's stream ends early: a truncated download is an error, never a
 * shorter object.
 */
final class RangeInputStream extends FilterInputStream {
    private long skip;
    private long remaining;

    RangeInputStream(InputStream in, long skip, long length) {
        super(in);
        this.skip = skip;
        this.remaining = length;
    }

    private void skipAhead() throws IOException {
        while (skip > 0) {
            long n = in.skip(skip);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the object ended before the requested range");
                }
                n = 1;
            }
            skip -= n;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        skipAhead();
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
        skipAhead();
        long s = in.skip(Math.min(n, remaining));
        remaining -= s;
        return s;
    }

    @Override
    public int available() throws IOException {
        return skip > 0 ? 0 : (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
