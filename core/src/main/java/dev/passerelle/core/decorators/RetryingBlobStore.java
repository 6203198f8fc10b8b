package dev.passerelle.core.decorators;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ContainerInfo;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import org.jboss.logging.Logger;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * THE layer that retries a call: calls that failed with a RETRYABLE {@link StorageException}
 * (timeouts, unavailable or rate-limited hosts) are tried again, with exponential backoff and full
 * jitter ({@link RetryPolicy}), at most {@link RetryPolicy#maxAttempts()} attempts in all. Anything
 * else fails at once. No other layer retries a call: the backends' transports make one request per
 * attempt (docs/retries.md). An error still retryable after the last attempt is rethrown marked
 * {@linkplain StorageException#exhausted exhausted} (persistent), so no outer layer retries it again.
 * Special cases:
 * <ul>
 *   <li>a put is retried only if its stream was never read (no byte, no end of stream): the stream is
 *       the caller's and cannot be rewound, and a backend that saw the end may have committed. A put
 *       that failed after its stream was read is rethrown as it is (still retryable when the host's
 *       answer was): only the caller, who can read the source again, can try it again;</li>
 *   <li>a retried object delete treats OBJECT_NOT_FOUND as success (the first attempt may have
 *       deleted it); likewise CONTAINER_NOT_FOUND for a retried container delete;</li>
 *   <li>{@code get} retries the opening only; the stream it returns is not retried.</li>
 * </ul>
 */
public final class RetryingBlobStore extends ForwardingBlobStore {
    private static final Logger LOG = Logger.getLogger(RetryingBlobStore.class);

    /** Waits between attempts; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        /** Sleeps for the duration. @throws InterruptedException when interrupted */
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * @param delegate the store to call
     * @param policy attempts and backoff
     */
    public RetryingBlobStore(BlobStore delegate, RetryPolicy policy) {
        this(delegate, policy, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000), ThreadLocalRandom.current());
    }

    /**
     * @param delegate the store to call
     * @param policy attempts and backoff
     * @param sleeper how to wait between attempts
     * @param random the jitter source
     */
    public RetryingBlobStore(BlobStore delegate, RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        super(delegate);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @return the policy in force */
    public RetryPolicy policy() {
        return policy;
    }

    @Override
    public void createContainer(String container, CallContext context) {
        run("createContainer", () -> {
            delegate().createContainer(container, context);
            return null;
        });
    }

    @Override
    public boolean containerExists(String container, CallContext context) {
        return run("containerExists", () -> delegate().containerExists(container, context));
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        int[] attempt = {0};
        run("deleteContainer", () -> {
            try {
                attempt[0]++;
                delegate().deleteContainer(container, context);
            } catch (StorageException e) {
                if (attempt[0] == 1 || e.kind() != ErrorKind.CONTAINER_NOT_FOUND) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public List<ContainerInfo> listContainers(CallContext context) {
        return run("listContainers", () -> delegate().listContainers(context));
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        TouchedInputStream watched = new TouchedInputStream(data);
        for (int attempt = 1; ; attempt++) {
            try {
                return delegate().put(container, key, watched, length, options);
            } catch (StorageException e) {
                if (watched.touched) {
                    throw e;
                }
                backoffOrThrow("put", attempt, e);
            }
        }
    }

    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        return run("get", () -> delegate().get(container, key, options));
    }

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        return run("head", () -> delegate().head(container, key, options));
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        int[] attempt = {0};
        run("delete", () -> {
            try {
                attempt[0]++;
                delegate().delete(container, key, context);
            } catch (StorageException e) {
                if (attempt[0] == 1 || e.kind() != ErrorKind.OBJECT_NOT_FOUND) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        return run("copy", () -> delegate().copy(sourceContainer, sourceKey, targetContainer, targetKey, options));
    }

    @Override
    public ListPage listPage(String container, ListRequest request) {
        return run("listPage", () -> delegate().listPage(container, request));
    }

    @Override
    public void checkHealth() {
        run("checkHealth", () -> {
            delegate().checkHealth();
            return null;
        });
    }

    private <T> T run(String operation, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StorageException e) {
                backoffOrThrow(operation, attempt, e);
            }
        }
    }

    /** Returns normally when the call should be tried again; otherwise throws {@code e}. */
    private void backoffOrThrow(String operation, int attempt, StorageException e) {
        if (!e.retryable()) {
            throw e;
        }
        if (attempt >= policy.maxAttempts()) {
            throw e.exhausted(attempt);
        }
        Duration wait = policy.backoff(attempt, random);
        LOG.debugf("retrying %s after attempt %d failed (%s), waiting %d ms", operation, attempt, e.code(), wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            e.addSuppressed(ie);
            throw e;
        }
    }

    /** Remembers whether any read was made (bytes, the end of the stream, or a failure: the stream's position is then unknown). */
    private static final class TouchedInputStream extends FilterInputStream {
        private volatile boolean touched;

        TouchedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } finally {
                touched = true;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } finally {
                if (len > 0) {
                    touched = true;
                }
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } finally {
                if (n > 0) {
                    touched = true;
                }
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void mark(int readlimit) {
            // not supported
        }

        @Override
        public void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }
    }
}
