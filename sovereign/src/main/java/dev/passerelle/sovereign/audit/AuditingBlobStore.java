package dev.passerelle.sovereign.audit;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
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
import dev.passerelle.sovereign.crypto.UnboundReads;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes one audit line per data access (object put/get/head/delete/copy, list, bucket
 * create/delete) to an {@link AuditLog}. Writes and deletes are forced to disk before the call
 * returns; a read is logged when its stream is closed, with the bytes actually served. If the line
 * cannot be written the call fails (INTERNAL, code {@value #CODE}): no unaudited access succeeds
 * silently. A read of an encrypted object of envelope version 1 (not bound to its bucket and key) is
 * flagged {@code "unbound":true} ({@link UnboundReads}).
 */
public final class AuditingBlobStore extends ForwardingBlobStore {
    /** Error code when the audit line cannot be written. */
    public static final String CODE = "audit_unavailable";

    private final AuditLog log;
    private final String backend;
    private final Clock clock;

    /**
     * @param delegate the audited store
     * @param log the audit log (shared by every audited store of the instance)
     * @param backend the backend name recorded in each line, or null
     */
    public AuditingBlobStore(BlobStore delegate, AuditLog log, String backend) {
        this(delegate, log, backend, Clock.systemUTC());
    }

    /** Same, with a clock (for tests). */
    AuditingBlobStore(BlobStore delegate, AuditLog log, String backend, Clock clock) {
        super(delegate);
        this.log = Objects.requireNonNull(log, "log");
        this.backend = backend;
        this.clock = clock;
    }

    private void write(CallContext ctx, String op, String bucket, String key, String source, long bytes, String result, boolean sync) {
        write(ctx, op, bucket, key, source, bytes, result, sync, false);
    }

    private void write(CallContext ctx, String op, String bucket, String key, String source, long bytes, String result, boolean sync,
                       boolean unbound) {
        try {
            log.append(new AuditRecord(clock.instant(), ctx.requestId(), ctx.caller(), op, backend, bucket, key, source, bytes,
                    result, ctx.clientAddress(), ctx.clientRequestId(), null, unbound), sync);
        } catch (IOException e) {
            throw new StorageException(ErrorKind.INTERNAL, CODE, "the audit line could not be written (" + e.getMessage() + ")", false, e);
        }
    }

    private <T> T audited(CallContext ctx, String op, String bucket, String key, String source, boolean sync,
                          Supplier<T> call, java.util.function.ToLongFunction<T> bytes) {
        T result;
        UnboundReads.reset();
        try {
            result = call.get();
        } catch (StorageException e) {
            write(ctx, op, bucket, key, source, 0, e.code(), sync);
            throw e;
        } catch (RuntimeException e) {
            write(ctx, op, bucket, key, source, 0, ErrorKind.INTERNAL.code(), sync);
            throw e;
        }
        write(ctx, op, bucket, key, source, bytes.applyAsLong(result), "ok", sync, UnboundReads.take());
        return result;
    }

    @Override
    public void createContainer(String container, CallContext context) {
        audited(context, "create-bucket", container, null, null, true, () -> {
            super.createContainer(container, context);
            return Boolean.TRUE;
        }, r -> 0);
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        audited(context, "delete-bucket", container, null, null, true, () -> {
            super.deleteContainer(container, context);
            return Boolean.TRUE;
        }, r -> 0);
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        return audited(options.context(), "put", container, key, null, true,
                () -> super.put(container, key, data, length, options), ObjectInfo::size);
    }

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        return audited(options.context(), "head", container, key, null, false, () -> super.head(container, key, options), i -> 0);
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        audited(context, "delete", container, key, null, true, () -> {
            super.delete(container, key, context);
            return Boolean.TRUE;
        }, r -> 0);
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        return audited(options.context(), "copy", targetContainer, targetKey, sourceContainer + "/" + sourceKey, true,
                () -> super.copy(sourceContainer, sourceKey, targetContainer, targetKey, options), ObjectInfo::size);
    }

    @Override
    public ListPage listPage(String container, ListRequest request) {
        return audited(request.context(), "list", container, request.prefix(), null, false,
                () -> super.listPage(container, request), p -> 0);
    }

    /** Logs failures at once; a successful read is logged when its stream is closed, with the bytes served. */
    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        ObjectContent content;
        UnboundReads.reset();
        try {
            content = super.get(container, key, options);
        } catch (StorageException e) {
            write(options.context(), "get", container, key, null, 0, e.code(), false);
            throw e;
        }
        return content.withStream(new CountingStream(content.stream(), content.length(), options.context(), container, key,
                UnboundReads.take()));
    }

    /** Counts the bytes a reader takes and writes the line once, on close. */
    private final class CountingStream extends FilterInputStream {
        private final long expected;
        private final CallContext ctx;
        private final String container;
        private final String key;
        private final boolean unbound;
        private long count;
        private String failure;
        private boolean logged;

        CountingStream(InputStream in, long expected, CallContext ctx, String container, String key, boolean unbound) {
            super(in);
            this.unbound = unbound;
            this.expected = expected;
            this.ctx = ctx;
            this.container = container;
            this.key = key;
        }

        @Override
        public int read() throws IOException {
            return BulkInputStream.readOneByte(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count += n;
                }
                return n;
            } catch (StorageException e) {
                failure = e.code();
                throw e;
            } catch (IOException | RuntimeException e) {
                failure = ErrorKind.UNAVAILABLE.code();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (!logged) {
                    logged = true;
                    String result = failure != null ? failure : count >= expected ? "ok" : "incomplete";
                    write(ctx, "get", container, key, null, count, result, false, unbound);
                }
            }
        }
    }
}
