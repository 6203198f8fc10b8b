package dev.passerelle.api.spi.support.upload;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a body part by part and knows, after each part, whether the body ended there: with a
 * declared length by counting, with an unknown length by reading one byte ahead (kept for the next
 * part), so a body that ends exactly at a part's end is known to be whole without another buffer.
 */
final class PartReader {
    private static final int FIRST_BUFFER = 64 * 1024;

    private final InputStream in;
    private final long length;
    private long read;
    private int ahead = -1;
    private boolean ended;

    /**
     * @param in the body (already verifying)
     * @param length the declared length, or -1
     */
    PartReader(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    /** @return whether the body ended with the last part read */
    boolean ended() {
        return ended;
    }

    /** @return the size of the next part: {@code partSize}, or less when a declared length ends sooner */
    int nextSize(int partSize) {
        return length < 0 ? partSize : (int) Math.max(0, Math.min(partSize, length - read));
    }

    /**
     * Fills {@code buffer[0..limit)} or up to the body's end.
     *
     * @return the number of bytes read; less than {@code limit} only at the body's end
     */
    int fill(byte[] buffer, int limit) throws IOException {
        return fill(buffer, 0, limit);
    }

    /**
     * Reads a part into a buffer that grows (doubling from 64 KiB) up to {@code max}: a small body of
     * unknown length costs a small buffer.
     *
     * @return the part; its buffer's length is {@code max} when it is full
     */
    Chunk fillGrowing(int max) throws IOException {
        byte[] buf = new byte[Math.min(max, FIRST_BUFFER)];
        int n = fill(buf, buf.length);
        while (!ended && n == buf.length && buf.length < max) {
            byte[] bigger = new byte[(int) Math.min(max, buf.length * 2L)];
            System.arraycopy(buf, 0, bigger, 0, n);
            buf = bigger;
            n += fill(buf, n, buf.length - n);
        }
        return new Chunk(buf, n);
    }

    private int fill(byte[] buffer, int offset, int limit) throws IOException {
        int n = 0;
        if (ahead >= 0 && limit > 0) {
            buffer[offset + n++] = (byte) ahead;
            ahead = -1;
        }
        while (n < limit) {
            int r = in.read(buffer, offset + n, limit - n);
            if (r < 0) {
                ended = true;
                break;
            }
            n += r;
        }
        read += n;
        if (!ended) {
            ended = atEnd();
        }
        return n;
    }

    /** After a full part: whether the body ends here (a declared length is counted, an unknown one peeked). */
    private boolean atEnd() throws IOException {
        if (length >= 0) {
            return read >= length;
        }
        int next = in.read();
        if (next < 0) {
            return true;
        }
        ahead = next;
        return false;
    }
}
