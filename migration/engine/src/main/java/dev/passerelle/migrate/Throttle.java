package dev.passerelle.migrate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A bandwidth limit shared by every copy of a run ({@code --bwlimit}): reads are delayed so the
 * bytes read from sources average at most {@code bytesPerSecond}.
 */
public final class Throttle {
    private final long bytesPerSecond;
    private long nextFree;

    /** @param bytesPerSecond the limit; 0 or less: unlimited */
    public Throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.nextFree = System.nanoTime();
    }

    /** @return the limit in bytes per second, 0 when unlimited */
    public long rate() {
        return Math.max(0, bytesPerSecond);
    }

    /** @return whether there is a limit */
    public boolean limited() {
        return bytesPerSecond > 0;
    }

    /** Waits until {@code n} more bytes may pass. */
    public void acquire(long n) throws InterruptedIOException {
        if (!limited() || n <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFree);
            nextFree = start + n * 1_000_000_000L / bytesPerSecond;
            wait = start - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted by the bandwidth limit");
            }
        }
    }

    /** @return {@code in}, throttled by this limit */
    public InputStream wrap(InputStream in) {
        if (!limited()) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    acquire(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, Math.min(len, 64 * 1024));
                acquire(n);
                return n;
            }
        };
    }
}
