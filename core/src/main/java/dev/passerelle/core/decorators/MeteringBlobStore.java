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
import dev.passerelle.api.io.BulkInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The METRICS layer, outermost of a bucket's chain: counts each call with its outcome and times it,
 * as the caller sees it (refusals of the layers below, retries and backoff included), and counts the
 * bytes of uploads and downloads. Operations: {@code create_bucket}, {@code bucket_exists},
 * {@code delete_bucket}, {@code list_containers}, {@code put_object}, {@code get_object},
 * {@code head_object}, {@code delete_object}, {@code copy_object}, {@code list_objects}. The outcome is
 * {@code ok} or the failure's error code; a download is timed until its content is closed (so a slow
 * reader's transfer counts whole), its time to first byte when {@code get} returns, and its outcome
 * is {@value #ABORTED} when the reader took a byte and then closed before the end or a read failed
 * (a read that fails before the first byte gives the failure's code; a content closed unread, as when
 * the caller answers a condition with 304, is {@code ok}: the store did its part).
 */
public final class MeteringBlobStore extends ForwardingBlobStore {
    /** The outcome of a download cut short after its first byte. */
    public static final String ABORTED = "aborted";
    /** The outcome of a call that succeeded. */
    public static final String OK = "ok";

    private final StoreMetrics metrics;
    private final String backend;
    private final LongSupplier clock;

    /**
     * @param delegate the rest of the chain
     * @param metrics where the measurements go
     * @param backend the backend's name, the {@code backend} of every measurement
     */
    public MeteringBlobStore(BlobStore delegate, StoreMetrics metrics, String backend) {
        this(delegate, metrics, backend, System::nanoTime);
    }

    MeteringBlobStore(BlobStore delegate, StoreMetrics metrics, String backend, LongSupplier nanoClock) {
        super(delegate);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.clock = nanoClock;
    }

    @Override
    public void createContainer(String container, CallContext context) {
        timed("create_bucket", () -> {
            super.createContainer(container, context);
            return null;
        });
    }

    @Override
    public boolean containerExists(String container, CallContext context) {
        return timed("bucket_exists", () -> super.containerExists(container, context));
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        timed("delete_bucket", () -> {
            super.deleteContainer(container, context);
            return null;
        });
    }

    @Override
    public List<ContainerInfo> listContainers(CallContext context) {
        return timed("list_containers", () -> super.listContainers(context));
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        CountingStream counted = new CountingStream(data);
        try {
            return timed("put_object", () -> super.put(container, key, counted, length, options));
        } finally {
            metrics.bytesIn(backend, "put_object", counted.count);
        }
    }

    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        long start = clock.getAsLong();
        ObjectContent content;
        try {
            content = super.get(container, key, options);
        } catch (RuntimeException e) {
            metrics.finished(backend, "get_object", outcome(e), clock.getAsLong() - start);
            throw e;
        }
        metrics.opened(backend, "get_object", clock.getAsLong() - start);
        return content.withStream(new Download(content.stream(), content.length(), start));
    }

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        return timed("head_object", () -> super.head(container, key, options));
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        timed("delete_object", () -> {
            super.delete(container, key, context);
            return null;
        });
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        return timed("copy_object", () -> super.copy(sourceContainer, sourceKey, targetContainer, targetKey, options));
    }

    @Override
    public ListPage listPage(String container, ListRequest request) {
        return timed("list_objects", () -> super.listPage(container, request));
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = clock.getAsLong();
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            metrics.finished(backend, operation, outcome(e), clock.getAsLong() - start);
            throw e;
        }
        metrics.finished(backend, operation, OK, clock.getAsLong() - start);
        return result;
    }

    private static String outcome(RuntimeException e) {
        return e instanceof StorageException se ? se.code() : ErrorKind.INTERNAL.code();
    }

    /** Counts the bytes the chain reads from the caller's upload stream. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return BulkInputStream.readOneByte(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }
    }

    /** A download's stream: counts what the reader takes and records the call once, on close. */
    private final class Download extends FilterInputStream {
        private final long length;
        private final long start;
        private final AtomicBoolean recorded = new AtomicBoolean();
        private long count;
        private boolean ended;
        private String failure;

        Download(InputStream in, long length, long start) {
            super(in);
            this.length = length;
            this.start = start;
        }

        @Override
        public int read() throws IOException {
            return BulkInputStream.readOneByte(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    count += n;
                } else if (n < 0) {
                    ended = true;
                }
                return n;
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = count == 0 && e instanceof StorageException se ? se.code() : ABORTED;
                }
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (recorded.compareAndSet(false, true)) {
                    String outcome = failure != null ? failure : ended || count >= length || count == 0 ? OK : ABORTED;
                    metrics.bytesOut(backend, "get_object", count);
                    metrics.finished(backend, "get_object", outcome, clock.getAsLong() - start);
                }
            }
        }
    }
}
