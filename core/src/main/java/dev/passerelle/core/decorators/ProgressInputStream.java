package dev.passerelle.core.decorators;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The caller's upload stream as a backend sees it through {@link TimeoutBlobStore}: records when
 * the backend last made progress, whether it is blocked reading (then it waits for the CALLER, not
 * the other way round) and, once the call has timed out, refuses any further read so that an
 * abandoned backend thread can never consume bytes that belong to a retry or to the caller.
 */
final class ProgressInputStream extends FilterInputStream {
    private final LongSupplier clock;
    private final Object lock = new Object();
    private boolean inRead;
    private boolean fenced;
    private long lastProgress;

    ProgressInputStream(InputStream in, LongSupplier nanoClock) {
        super(in);
        this.clock = nanoClock;
        this.lastProgress = nanoClock.getAsLong();
    }

    @Override
    public int read() throws IOException {
        enter();
        try {
            return in.read();
        } finally {
            leave();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        enter();
        try {
            return in.read(b, off, len);
        } finally {
            leave();
        }
    }

    @Override
    public long skip(long n) throws IOException {
        enter();
        try {
            return in.skip(n);
        } finally {
            leave();
        }
    }

    @Override
    public int available() throws IOException {
        synchronized (lock) {
            if (fenced) {
                return 0;
            }
        }
        return in.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readlimit) {
        // not supported: a backend must not rewind the caller's stream
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (fenced) {
                return;
            }
        }
        in.close();
    }

    private void enter() throws IOException {
        synchronized (lock) {
            if (fenced) {
                throw new IOException("the backend call timed out; its upload stream is closed to it");
            }
            inRead = true;
        }
    }

    private void leave() {
        synchronized (lock) {
            inRead = false;
            lastProgress = clock.getAsLong();
        }
    }

    /**
     * @param timeoutNanos the longest the backend may work without reading
     * @return the clock value at which the backend will have been idle too long (far ahead while it
     *         is blocked reading the caller's stream)
     */
    long idleDeadline(long timeoutNanos) {
        synchronized (lock) {
            return inRead ? clock.getAsLong() + timeoutNanos : lastProgress + timeoutNanos;
        }
    }

    /**
     * Fences the stream if the backend has been idle (not reading) for at least the timeout.
     *
     * @return whether the stream is now fenced
     */
    boolean fenceIfIdle(long timeoutNanos) {
        synchronized (lock) {
            if (!fenced && !inRead && clock.getAsLong() - lastProgress >= timeoutNanos) {
                fenced = true;
            }
            return fenced;
        }
    }
}
