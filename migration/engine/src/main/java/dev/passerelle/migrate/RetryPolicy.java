package dev.passerelle.migrate;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries of temporary failures: exponential backoff with full jitter
 * (delay before retry n = uniform random in [0, min(max, initial * 2^(n-1))]). Only failures that may pass are retried:
 * a {@link StorageException} marked retryable, or an I/O failure (a connection cut mid-stream).
 *
 * @param retries how many times a failed call is tried again (0 = never)
 * @param initialDelay the first backoff ceiling
 * @param maxDelay the largest backoff ceiling
 */
public record RetryPolicy(int retries, Duration initialDelay, Duration maxDelay) {

    /** The defaults: 5 retries, 500 ms doubling up to 30 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

    /** Checks the bounds. */
    public RetryPolicy {
        if (retries < 0) {
            throw new UsageException("--retries must be >= 0");
        }
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new UsageException("retry delays must be >= 0");
        }
    }

    /** @return whether a failure may pass if tried again */
    public static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageException se) {
                if (se.retryable()) {
                    return true;
                }
                if (se.kind() != ErrorKind.INTERNAL) {
                    return false;
                }
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sleeps before the given retry.
     *
     * @param retry 1 for the first retry
     * @throws StorageException INTERNAL when interrupted
     */
    public void backoff(int retry) {
        long sleep = delayMillis(retry, ThreadLocalRandom.current());
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorKind.INTERNAL, "interrupted while waiting to retry", e);
        }
    }

    /**
     * @param retry 1 for the first retry
     * @param random where the jitter comes from
     * @return the delay before that retry: full jitter, uniform in [0, min(max, initial * 2^(retry-1))] ms
     */
    long delayMillis(int retry, java.util.random.RandomGenerator random) {
        long ceiling = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(20, Math.max(0, retry - 1)));
        return ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
    }

    /**
     * Runs a call, retrying temporary failures.
     *
     * @param call the call
     * @return its result
     * @throws RuntimeException the last failure when retries are exhausted or it is not temporary
     */
    public <T> T call(Supplier<T> call) {
        int attempt = 0;
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                attempt++;
                if (attempt > retries || !isRetryable(e)) {
                    throw e;
                }
                backoff(attempt);
            }
        }
    }
}
