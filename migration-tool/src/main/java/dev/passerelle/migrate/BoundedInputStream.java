package dev.passerelle.migrate;

import java.io.IOException;

/** Reads at most a given number of bytes of a stream. */
final class BoundedInputStream extends java.io.FilterInputStream {
    private long left;

    BoundedInputStream(java.io.InputStream in, long limit) {
        super(in);
        this.left = limit;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int c = super.read();
        if (c >= 0) {
            left--;
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }
}
