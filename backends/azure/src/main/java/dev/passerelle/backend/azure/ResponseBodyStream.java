package dev.passerelle.backend.azure;

import dev.passerelle.api.io.BulkInputStream;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking {@link InputStream} over the body of ONE HTTP response ({@code Flux<ByteBuffer>}),
 * with back-pressure: buffers are requested from the HTTP client only while fewer than
 * {@code highWater} bytes wait to be read, so memory stays bounded (about {@code highWater} plus a
 * few of the client's buffers) whatever the body's size, provided the HTTP client honours demand
 * (the JDK client does: it stops reading the socket when nothing is requested).
 *
 * <p>{@link #close()} cancels the subscription, which makes the HTTP client abort the transfer and
 * release (close) the connection; nothing is drained. A failure of the body (connection lost, or
 * the SDK's resumed request refused because the blob changed) is thrown by {@code read} as an
 * {@link IOException}; so is a stall longer than {@code stallTimeout}.
 */
final class ResponseBodyStream extends BulkInputStream {
    private static final int ASSUMED_ITEM = 16 * 1024;

    private final long highWater;
    private final long stallNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private Subscription subscription;
    private long queuedBytes;
    private long outstanding;
    private int largestItem = ASSUMED_ITEM;
    private Throwable failure;
    private boolean complete;
    private boolean closed;
    private ByteBuffer current;

    /**
     * Subscribes to the body at once (the first buffers are requested now).
     *
     * @param body the response body; each buffer is read once and not retained after it was consumed
     * @param highWater the most bytes to hold unread
     * @param stallTimeout how long a read may wait for the next buffer before failing
     */
    ResponseBodyStream(Flux<ByteBuffer> body, long highWater, Duration stallTimeout) {
        this.highWater = highWater;
        this.stallNanos = stallTimeout.toNanos();
        body.subscribe(new Receiver());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (current == null || !current.hasRemaining()) {
            current = next();
            if (current == null) {
                return -1;
            }
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    /** Cancels the transfer (the connection is aborted, not drained) and drops what was buffered. */
    @Override
    public void close() {
        Subscription s;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
            current = null;
            s = complete ? null : subscription;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.cancel();
        }
    }

    /** @return the next buffer, or null at the end of the body */
    private ByteBuffer next() throws IOException {
        ByteBuffer item = null;
        long demand = 0;
        boolean stalled = false;
        Subscription s;
        lock.lock();
        try {
            long deadline = System.nanoTime() + stallNanos;
            while (queue.isEmpty() && !complete && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    stalled = true;
                    break;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the blob's bytes");
                }
            }
            s = subscription;
            if (closed) {
                throw new IOException("stream closed");
            }
            if (stalled) {
                closed = true;
                queue.clear();
                queuedBytes = 0;
            } else {
                item = queue.poll();
                if (item == null) {
                    if (failure != null) {
                        throw new IOException("reading the blob failed: " + failure.getMessage(), failure);
                    }
                    return null;
                }
                queuedBytes -= item.remaining();
                demand = demandLocked();
            }
        } finally {
            lock.unlock();
        }
        if (stalled) {
            if (s != null) {
                s.cancel();
            }
            throw new IOException("no bytes of the blob arrived for " + Duration.ofNanos(stallNanos).toSeconds()
                    + " s; the transfer was cancelled");
        }
        if (demand > 0) {
            s.request(demand);
        }
        return item;
    }

    /** @return how many more buffers to request now (and counts them as outstanding) */
    private long demandLocked() {
        if (complete || closed || subscription == null) {
            return 0;
        }
        long room = highWater - queuedBytes - outstanding * largestItem;
        long more = room / largestItem;
        if (more <= 0 && queuedBytes == 0 && outstanding == 0) {
            more = 1; // a client buffer larger than highWater: still make progress, one at a time
        }
        if (more <= 0) {
            return 0;
        }
        outstanding += more;
        return more;
    }

    /** Receives the body's signals from the HTTP client's threads. */
    private final class Receiver implements CoreSubscriber<ByteBuffer> {
        @Override
        public void onSubscribe(Subscription s) {
            long demand;
            lock.lock();
            try {
                subscription = s;
                if (closed) {
                    demand = -1;
                } else {
                    demand = demandLocked();
                }
            } finally {
                lock.unlock();
            }
            if (demand < 0) {
                s.cancel();
            } else if (demand > 0) {
                s.request(demand);
            }
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            lock.lock();
            try {
                outstanding = Math.max(0, outstanding - 1);
                if (closed) {
                    return;
                }
                int size = buffer.remaining();
                if (size > largestItem) {
                    largestItem = size;
                }
                if (size > 0) {
                    queue.add(buffer);
                    queuedBytes += size;
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
            if (buffer.remaining() == 0) {
                requestMore();
            }
        }

        @Override
        public void onError(Throwable t) {
            lock.lock();
            try {
                failure = t;
                complete = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onComplete() {
            lock.lock();
            try {
                complete = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void requestMore() {
            long demand;
            Subscription s;
            lock.lock();
            try {
                demand = demandLocked();
                s = subscription;
            } finally {
                lock.unlock();
            }
            if (demand > 0) {
                s.request(demand);
            }
        }
    }
}
