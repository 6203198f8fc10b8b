package dev.passerelle.migrate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backoff is full jitter, as documented: uniform in [0, ceiling], the ceiling doubling up to the maximum. */
class RetryPolicyJitterTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void delaysSpanZeroToTheCeiling() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long d = policy.delayMillis(1, random);
            assertTrue(d >= 0 && d <= 500, "within [0, 500]: " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min < 50, "full jitter reaches near 0 (a half-jitter draw never goes below 250): " + min);
        assertTrue(max > 450, "and near the ceiling: " + max);
    }

    @Test
    void theCeilingDoublesAndStopsAtTheMaximum() {
        RetryPolicy noJitterSpread = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (int retry = 1; retry <= ceilings.length; retry++) {
            long c = ceilings[retry - 1];
            long top = noJitterSpread.delayMillis(retry, new FixedTop());
            assertEquals(c, top, "retry " + retry);
        }
        assertEquals(0, new RetryPolicy(1, Duration.ZERO, Duration.ZERO).delayMillis(1, new SplittableRandom(1)));
    }

    /** Draws the largest value of the bound, to read the ceiling. */
    private static final class FixedTop implements java.util.random.RandomGenerator {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    }
}
