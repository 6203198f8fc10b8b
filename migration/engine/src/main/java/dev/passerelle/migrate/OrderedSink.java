package dev.passerelle.migrate;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Hands results to the report in KEY order although objects finish in any order: each key gets a
 * sequence number when the join produces it, and results are released once every earlier one is in.
 * A window bounds how far ahead the join may run, so at most {@code window} results wait in memory.
 */
public final class OrderedSink {
    private final Semaphore window;
    private final Map<Long, ObjectResult> pending = new HashMap<>();
    private final Consumer<ObjectResult> out;
    private long nextToRelease;
    private long nextToReserve;
    private RuntimeException failure;

    /**
     * @param window the most results held back waiting for an earlier one
     * @param out receives results in sequence order (called under a lock, one at a time)
     */
    public OrderedSink(int window, Consumer<ObjectResult> out) {
        this.window = new Semaphore(window);
        this.out = out;
    }

    /**
     * Reserves the next sequence number, waiting while the window is full.
     *
     * @return the sequence number to complete later
     */
    public long reserve() throws InterruptedException {
        window.acquire();
        return nextToReserve++;
    }

    /** Completes a sequence number with its result; releases every result now in order. */
    public synchronized void complete(long seq, ObjectResult result) {
        pending.put(seq, result);
        while (pending.containsKey(nextToRelease)) {
            ObjectResult r = pending.remove(nextToRelease);
            nextToRelease++;
            window.release();
            if (failure == null) {
                try {
                    out.accept(r);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
        }
    }

    /** @return whether every reserved number was completed and released */
    public synchronized boolean drained() {
        return pending.isEmpty() && nextToRelease == nextToReserve;
    }

    /** @throws RuntimeException the first failure of the consumer, if any */
    public synchronized void rethrow() {
        if (failure != null) {
            throw failure;
        }
    }
}
