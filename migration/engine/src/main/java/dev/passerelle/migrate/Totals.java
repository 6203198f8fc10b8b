package dev.passerelle.migrate;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counts objects and bytes per {@link Status}, and bytes actually transferred. Thread-safe. */
public final class Totals {
    private final AtomicLongArray objects = new AtomicLongArray(Status.values().length);
    private final AtomicLongArray bytes = new AtomicLongArray(Status.values().length);
    private final AtomicLong transferred = new AtomicLong();

    /** Counts one result. */
    public void add(ObjectResult r) {
        add(r.status(), 1, r.size());
    }

    /** Adds counts for a status (used when merging reports). */
    public void add(Status s, long objectCount, long byteCount) {
        objects.addAndGet(s.ordinal(), objectCount);
        bytes.addAndGet(s.ordinal(), byteCount);
    }

    /** Adds bytes moved over the network (copied and read back). */
    public void addTransferred(long n) {
        transferred.addAndGet(n);
    }

    /** @return the number of objects in a state */
    public long objects(Status s) {
        return objects.get(s.ordinal());
    }

    /** @return the bytes of the objects in a state */
    public long bytes(Status s) {
        return bytes.get(s.ordinal());
    }

    /** @return bytes moved over the network */
    public long transferred() {
        return transferred.get();
    }

    /** @return all objects counted */
    public long objects() {
        long n = 0;
        for (Status s : Status.values()) {
            n += objects(s);
        }
        return n;
    }

    /** @return the number of objects in states that are differences or failures */
    public long differences() {
        long n = 0;
        for (Status s : Status.values()) {
            if (s.difference()) {
                n += objects(s);
            }
        }
        return n;
    }

    /** @return the non-zero counts, by status */
    public Map<Status, long[]> byStatus() {
        Map<Status, long[]> m = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            if (objects(s) > 0) {
                m.put(s, new long[] {objects(s), bytes(s)});
            }
        }
        return m;
    }
}
