package dev.passerelle.testkit;

import java.io.InputStream;

/**
 * A stream of {@code length} deterministic pseudo-random bytes (xorshift64*), generated on the fly so
 * that a test can stream hundreds of MiB without holding them. Two instances with the same seed and
 * length produce the same bytes.
 */
public final class PseudoRandomInputStream extends InputStream {
    private final long length;
    private long state;
    private long position;
    private long word;
    private int wordBytesLeft;

    /**
     * @param seed any value; the same seed gives the same bytes
     * @param length how many bytes the stream holds
     */
    public PseudoRandomInputStream(long seed, long length) {
        this.length = length;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed ^ 0x9E3779B97F4A7C15L;
    }

    private long nextWord() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return state * 0x2545F4914F6CDD1DL;
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        if (wordBytesLeft == 0) {
            word = nextWord();
            wordBytesLeft = 8;
        }
        int b = (int) (word & 0xFF);
        word >>>= 8;
        wordBytesLeft--;
        position++;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            if (wordBytesLeft == 0) {
                word = nextWord();
                wordBytesLeft = 8;
            }
            b[off + i] = (byte) word;
            word >>>= 8;
            wordBytesLeft--;
        }
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - position);
    }

    /** @return the bytes of a small stream, for tests that want an array */
    public static byte[] bytes(long seed, int length) {
        byte[] out = new byte[length];
        new PseudoRandomInputStream(seed, length).read(out, 0, length);
        return out;
    }
}
