package dev.passerelle.api.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that implements only the bulk {@link #read(byte[], int, int)}; the single-byte
 * {@link #read()} goes through it, so the stream's logic lives in one place.
 */
public abstract class BulkInputStream extends InputStream {

    @Override
    public int read() throws IOException {
        return readOneByte(this);
    }

    /**
     * The single-byte read of a stream whose logic lives in its bulk read (for streams that cannot
     * extend this class, e.g. a {@link java.io.FilterInputStream}).
     *
     * @param bulk the stream
     * @return the byte, or -1 at the end
     * @throws IOException as its bulk read
     */
    public static int readOneByte(InputStream bulk) throws IOException {
        byte[] one = new byte[1];
        int n = bulk.read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
