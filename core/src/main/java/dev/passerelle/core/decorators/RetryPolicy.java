package dev.passerelle.core.decorators;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The ONE retry policy type: how {@link RetryingBlobStore} retries a call, and how the migration's
 * copier spaces its restarts of a whole object (docs/retries.md). At most {@code maxAttempts} attempts in all, waiting between
 * two attempts a random time in [0, min(maxBackoff, initialBackoff * 2^(n-1))] ("full jitter"), so
 * that many callers failing together do not retry together.
 *
 * @param maxAttempts attempts per call including the first; 1 disables retries
 * @param initialBackoff the upper bound of the first wait
 * @param maxBackoff the largest upper bound of any wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** 3 attempts, first wait up to 100 ms, never more than 2 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2));

    /** Checks the bounds. */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** @return a copy with another number of attempts */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff);
    }

    /**
     * @param failedAttempt the number of the attempt that just failed (1 for the first)
     * @return how long to wait before the next attempt, jittered by {@link ThreadLocalRandom}
     */
    public Duration backoff(int failedAttempt) {
        return backoff(failedAttempt, ThreadLocalRandom.current());
    }

    /**
     * @param failedAttempt the number of the attempt that just failed (1 for the first)
     * @param random the source of jitter
     * @return how long to wait before the next attempt
     */
    public Duration backoff(int failedAttempt, RandomGenerator random) {
        long initial = initialBackoff.toMillis();
        int shift = Math.min(Math.max(failedAttempt - 1, 0), 30);
        long bound = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
        bound = Math.min(bound, maxBackoff.toMillis());
        return bound <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(bound + 1));
    }
}
