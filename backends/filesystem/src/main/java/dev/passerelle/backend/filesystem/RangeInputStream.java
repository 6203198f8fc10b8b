package dev.passerelle.backend.filesystem;

import dev.passerelle.api.io.BulkInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads {@code length} bytes of a file channel from {@code start}, with positional reads; closes the channel. */
final class RangeInputStream extends BulkInputStream {
    private final FileChannel channel;
    private long position;
    private long remaining;

    RangeInputStream(FileChannel channel, long start, long length) {
        this.channel = channel;
        this.position = start;
        this.remaining = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int want = (int) Math.min(len, remaining);
        int n = channel.read(ByteBuffer.wrap(b, off, want), position);
        if (n < 0) {
            throw new IOException("object file ended " + remaining + " bytes early");
        }
        position += n;
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) {
        long k = Math.max(0, Math.min(n, remaining));
        position += k;
        remaining -= k;
        return k;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
