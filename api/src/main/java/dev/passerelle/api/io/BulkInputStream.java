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
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
