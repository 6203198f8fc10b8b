package dev.passerelle.core.decorators;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Capabilities;
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

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The innermost wrapper of every backend: a per-call timeout, and the backend's name filled into
 * every {@link StorageException}. Each call runs on a bounded pool of this backend's threads while the
 * caller waits with a deadline; a call over it fails with TIMEOUT (retryable) and its thread is
 * interrupted. Nothing is buffered:
 * <ul>
 *   <li>metadata calls (head, list, containers, delete, copy, health) must answer within the timeout;</li>
 *   <li>{@code get} must OPEN within the timeout; reading the returned stream is not timed here (the
 *       caller reads at its own pace; backends set their own socket read timeouts). A content that
 *       opens after the caller gave up is closed at once;</li>
 *   <li>{@code put} is an idle timeout: the backend may work at most the timeout between two reads of
 *       the caller's stream, and after the last one. Time the backend spends blocked reading the
 *       caller's stream never counts (a slow client is not a slow backend). Once timed out, the
 *       stream refuses further reads to the abandoned backend thread, so a retry or the caller can
 *       never race it; the backend then sees a failing stream and, per the contract, stores nothing.</li>
 * </ul>
 * A call that times out may still have taken effect at the host (as with any network timeout).
 */
public final class TimeoutBlobStore extends ForwardingBlobStore {
    private final String backend;
    private final long timeoutNanos;
    private final int maxConcurrentCalls;
    private final ThreadPoolExecutor executor;

    /**
     * @param delegate the raw backend
     * @param backend the backend's name, filled into every StorageException
     * @param timeout the per-call timeout
     * @param maxConcurrentCalls the most calls in flight at once; more fail with UNAVAILABLE
     */
    public TimeoutBlobStore(BlobStore delegate, String backend, Duration timeout, int maxConcurrentCalls) {
        super(delegate);
        this.backend = backend;
        this.timeoutNanos = timeout.toNanos();
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.executor = new ThreadPoolExecutor(0, maxConcurrentCalls, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads(backend));
    }

    private static ThreadFactory threads(String backend) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "passerelle-" + backend + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** @return the per-call timeout */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    @Override
    public Capabilities capabilities() {
        try {
            return delegate().capabilities();
        } catch (StorageException e) {
            throw e.withBackend(backend);
        }
    }

    @Override
    public void createContainer(String container, CallContext context) {
        call(() -> {
            delegate().createContainer(container, context);
            return null;
        }, null, null);
    }

    @Override
    public boolean containerExists(String container, CallContext context) {
        return call(() -> delegate().containerExists(container, context), null, null);
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        call(() -> {
            delegate().deleteContainer(container, context);
            return null;
        }, null, null);
    }

    @Override
    public List<ContainerInfo> listContainers(CallContext context) {
        return call(() -> delegate().listContainers(context), null, null);
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        ProgressInputStream tracked = new ProgressInputStream(data, System::nanoTime);
        return call(() -> delegate().put(container, key, tracked, length, options), null, tracked);
    }

    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        return call(() -> delegate().get(container, key, options), ObjectContent::close, null);
    }

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        return call(() -> delegate().head(container, key, options), null, null);
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        call(() -> {
            delegate().delete(container, key, context);
            return null;
        }, null, null);
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        return call(() -> delegate().copy(sourceContainer, sourceKey, targetContainer, targetKey, options), null, null);
    }

    @Override
    public ListPage listPage(String container, ListRequest request) {
        return call(() -> delegate().listPage(container, request), null, null);
    }

    @Override
    public void checkHealth() {
        call(() -> {
            delegate().checkHealth();
            return null;
        }, null, null);
    }

    /** Stops accepting calls and closes the backend. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            delegate().close();
        } catch (StorageException e) {
            throw e.withBackend(backend);
        }
    }

    /** A call's outcome is claimed once: by the worker (done) or by the waiting caller (abandoned). */
    private enum State { RUNNING, DONE, ABANDONED }

    private <T> T call(Callable<T> body, Consumer<T> orphanCleanup, ProgressInputStream progress) {
        AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
        Future<T> future;
        try {
            future = executor.submit(() -> {
                T value;
                try {
                    value = body.call();
                } finally {
                    state.compareAndSet(State.RUNNING, State.DONE);
                }
                if (state.get() == State.ABANDONED && value != null && orphanCleanup != null) {
                    orphanCleanup.accept(value);
                }
                return value;
            });
        } catch (RejectedExecutionException e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, null, executor.isShutdown() ? "backend is closed"
                    : "too many calls in flight (" + maxConcurrentCalls + ")", !executor.isShutdown(), e).withBackend(backend);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long until = progress == null ? deadline : progress.idleDeadline(timeoutNanos);
            long wait = until - System.nanoTime();
            try {
                if (wait > 0) {
                    return future.get(wait, TimeUnit.NANOSECONDS);
                }
                if (progress != null && !progress.fenceIfIdle(timeoutNanos)) {
                    continue;
                }
                if (state.compareAndSet(State.RUNNING, State.ABANDONED)) {
                    future.cancel(true);
                    throw new StorageException(ErrorKind.TIMEOUT, "the backend did not answer within " + Duration.ofNanos(timeoutNanos)
                            + (progress == null ? "" : " of its last progress")).withBackend(backend);
                }
                return future.get();
            } catch (TimeoutException e) {
                // loop: re-check the deadline (a put's moves with its progress)
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            } catch (InterruptedException e) {
                state.compareAndSet(State.RUNNING, State.ABANDONED);
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new StorageException(ErrorKind.UNAVAILABLE, null, "interrupted while waiting for the backend", false, e).withBackend(backend);
            }
        }
    }

    private RuntimeException unwrap(Throwable cause) {
        if (cause instanceof StorageException se) {
            return se.withBackend(backend);
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new StorageException(ErrorKind.INTERNAL, "backend failed unexpectedly: " + cause, cause).withBackend(backend);
    }
}
