package dev.passerelle.testkit;

import java.io.IOException;
import java.io.InputStream;

/** Serves some bytes, then throws an {@link IOException}: an upload whose client went away mid-way. */
public final class FailingInputStream extends InputStream {
    private final InputStream head;

    /** @param head the bytes served before the failure */
    public FailingInputStream(InputStream head) {
        this.head = head;
    }

    @Override
    public int read() throws IOException {
        int b = head.read();
        if (b < 0) {
            throw new IOException("simulated failure of the upload stream");
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = head.read(b, off, len);
        if (n < 0) {
            throw new IOException("simulated failure of the upload stream");
        }
        return n;
    }
}
