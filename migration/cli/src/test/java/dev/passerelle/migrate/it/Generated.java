package dev.passerelle.migrate.it;

import java.io.InputStream;

/** A deterministic pseudo-random stream of any length that never exists in memory as a whole. */
final class Generated extends InputStream {
    private final long size;
    private long pos;
    private long state;

    Generated(long size, long seed) {
        this.size = size;
        this.state = seed * 0x9E3779B97F4A7C15L + 1;
    }

    private int nextByte() {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        pos++;
        return (int) (state & 0xff);
    }

    @Override
    public int read() {
        return pos < size ? nextByte() : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - pos);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) nextByte();
        }
        return n;
    }
}
