package dev.passerelle.gateway.auth;

import java.util.function.LongSupplier;

/**
 * At most N admitted per second (a fixed one-second window); what is refused is counted and handed
 * to the next admitted one, so the audit trail says how many lines it left out.
 */
final class RefusalLimiter {
    private final int perSecond;
    private final LongSupplier nanoTime;
    private long window = Long.MIN_VALUE;
    private int admitted;
    private long leftOut;

    RefusalLimiter(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** @return -1 to leave this one out, else how many were left out since the last admitted one */
    synchronized long admit() {
        long second = Math.floorDiv(nanoTime.getAsLong(), 1_000_000_000L);
        if (second != window) {
            window = second;
            admitted = 0;
        }
        if (admitted >= perSecond) {
            leftOut++;
            return -1;
        }
        admitted++;
        long before = leftOut;
        leftOut = 0;
        return before;
    }
}
