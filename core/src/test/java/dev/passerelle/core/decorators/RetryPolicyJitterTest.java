package dev.passerelle.core.decorators;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backoff of the one {@link RetryPolicy} is full jitter, as documented: uniform in [0, ceiling],
 * the ceiling doubling up to the maximum. (It was the migration tool's own policy's test; that policy
 * drew from [ceiling/2, ceiling] before it was fixed, and is now this one.)
 */
class RetryPolicyJitterTest {
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void delaysSpanZeroToTheCeiling() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long d = policy.backoff(1, random).toMillis();
            assertTrue(d >= 0 && d <= 500, "within [0, 500]: " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min < 50, "full jitter reaches near 0 (a half-jitter draw never goes below 250): " + min);
        assertTrue(max > 450, "and near the ceiling: " + max);
    }

    @Test
    void theCeilingDoublesAndStopsAtTheMaximum() {
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (int failed = 1; failed <= ceilings.length; failed++) {
            assertEquals(ceilings[failed - 1], policy.backoff(failed, new FixedTop()).toMillis(), "after attempt " + failed);
        }
        assertEquals(Duration.ZERO, new RetryPolicy(1, Duration.ZERO, Duration.ZERO).backoff(1, new SplittableRandom(1)));
        Duration drawn = policy.backoff(3);
        assertTrue(!drawn.isNegative() && drawn.toMillis() <= 2000, "the ThreadLocalRandom overload draws in the same bounds: " + drawn);
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
