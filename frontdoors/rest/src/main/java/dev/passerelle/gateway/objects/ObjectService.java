package dev.passerelle.gateway.objects;

import dev.passerelle.api.ByteRange;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.PutOutcome;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.Bucket;
import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.config.GatewaySettings;
import dev.passerelle.gateway.http.GatewayMetrics;
import dev.passerelle.gateway.http.HttpHeadersSupport;
import dev.passerelle.gateway.http.NotModifiedException;
import dev.passerelle.gateway.http.RangeNotSatisfiableException;
import dev.passerelle.gateway.http.UploadBudget;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Object operations over the routed bucket's store: streaming put and get, head, delete. */
@Singleton
public class ObjectService {
    private final Passerelle passerelle;
    private final GatewaySettings settings;
    private final UploadBudget budget;

    /** Wires the service. */
    public ObjectService(Passerelle passerelle, GatewaySettings settings, UploadBudget budget) {
        this.passerelle = passerelle;
        this.settings = settings;
        this.budget = budget;
    }

    /**
     * The result of a put.
     *
     * @param created whether no object existed under the key at the commit point (backends that cannot tell
     *                atomically: before the write, so two racing creators may both be told so)
     * @param info the stored object
     */
    public record PutResult(boolean created, ObjectInfo info) {
    }

    /**
     * An opened object, ready to stream.
     *
     * @param info the object's metadata
     * @param range the range served, or null for the whole object
     * @param body the writer that streams (and verifies) the bytes
     */
    public record Download(ObjectInfo info, dev.passerelle.api.ResolvedRange range, StreamingOutput body) {
    }

    /**
     * Stores an object from the request body. Everything that can be checked from the headers is
     * checked before the first byte is read (so {@code 100 Continue} goes out only then).
     *
     * @param upload what the headers declare
     * @param body the request body; read at most once, to its end on success
     * @param request the HTTP request, to close the connection when a failure leaves its body unread
     * @return whether the object is new, and its info
     */
    public PutResult put(String bucketName, String key, UploadRequest upload, InputStream body, HttpServerRequest request, CallContext ctx) {
        Bucket bucket = passerelle.bucket(bucketName);
        if (!bucket.store().capabilities().writable()) {
            // the chain takes no writes (its read-only layer): its refusal is the answer, before the state is read,
            // conditions checked or a byte of the body read
            return new PutResult(false, bucket.store().put(bucket.container(), key, body, upload.declaredLength(), options(upload, ctx, null)));
        }
        try (UploadBudget.Lease lease = budget.acquire()) {
            ObjectInfo current = currentOrNull(bucket, key, ctx);
            upload.conditions().checkWrite(current);
            UploadStream stream = new UploadStream(body, upload.declaredLength(), settings.maxObjectSize(), lease.bufferSize());
            PutOutcome outcome = new PutOutcome();
            try {
                ObjectInfo info = bucket.store().put(bucket.container(), key, stream, upload.declaredLength(), options(upload, ctx, outcome));
                // decided at the backend's commit point when it can tell (filesystem); else from the HEAD before the write
                return new PutResult(outcome.created().orElse(current == null), info);
            } catch (RuntimeException e) {
                // the body may be partly unread: do not keep the connection for another request
                request.response().putHeader("Connection", "close");
                throw e;
            }
        }
    }

    private static PutOptions options(UploadRequest upload, CallContext ctx, PutOutcome outcome) {
        return PutOptions.builder().contentType(upload.contentType()).userMetadata(upload.metadata())
                .conditions(upload.conditions()).expectedMd5(upload.expectedMd5()).expectedSha256(upload.expectedSha256())
                .context(ctx).outcome(outcome).build();
    }

    private static ObjectInfo currentOrNull(Bucket bucket, String key, CallContext ctx) {
        try {
            return bucket.store().head(bucket.container(), key, GetOptions.of(ctx));
        } catch (StorageException e) {
            if (e.kind() == ErrorKind.OBJECT_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Reads an object's metadata, evaluating the read conditions in RFC 9110 §13.2.2 order.
     *
     * @throws StorageException OBJECT_NOT_FOUND, PRECONDITION_FAILED, NOT_MODIFIED (as {@link NotModifiedException})
     */
    public ObjectInfo head(String bucketName, String key, Conditions conditions, CallContext ctx) {
        Bucket bucket = passerelle.bucket(bucketName);
        ObjectInfo info = bucket.store().head(bucket.container(), key, GetOptions.of(ctx));
        checkRead(conditions, info);
        return info;
    }

    /**
     * Opens an object for streaming: conditions first (412 / 304), then the range (206 / 416),
     * with If-Range deciding whether the range applies.
     *
     * @param rangeHeader the Range header, or null; a malformed one is ignored
     * @param ifRange the If-Range header, or null
     * @param request the HTTP request (its connection is aborted on an integrity failure)
     */
    public Download get(String bucketName, String key, Conditions conditions, String rangeHeader, String ifRange,
                        HttpServerRequest request, CallContext ctx) {
        Bucket bucket = passerelle.bucket(bucketName);
        ByteRange range = ByteRange.parseHttp(rangeHeader).orElse(null);
        ObjectContent content = open(bucket, key, conditions, range, ifRange, ctx);
        ObjectInfo info = content.info();
        String verify = content.range() == null ? info.passerelleSha256().orElse(null) : null;
        StreamingOutput body = new DownloadWriter(content, verify, request, bucketName + "/" + key);
        return new Download(info, content.range(), body);
    }

    private ObjectContent open(Bucket bucket, String key, Conditions conditions, ByteRange range, String ifRange, CallContext ctx) {
        ObjectContent content;
        try {
            content = bucket.store().get(bucket.container(), key, new GetOptions(range, Conditions.NONE, ctx));
        } catch (StorageException e) {
            if (e.kind() != ErrorKind.INVALID_RANGE) {
                throw e;
            }
            ObjectInfo info = bucket.store().head(bucket.container(), key, GetOptions.of(ctx));
            checkRead(conditions, info);
            if (ifRange != null && !ifRangeMatches(ifRange, info)) {
                return bucket.store().get(bucket.container(), key, new GetOptions(null, Conditions.NONE, ctx));
            }
            throw new RangeNotSatisfiableException(info.size(), "range " + range + " does not overlap the object's " + info.size() + " bytes");
        }
        try {
            checkRead(conditions, content.info());
            if (range != null && content.range() != null && ifRange != null && !ifRangeMatches(ifRange, content.info())) {
                content.close();
                content = bucket.store().get(bucket.container(), key, new GetOptions(null, Conditions.NONE, ctx));
            }
            return content;
        } catch (RuntimeException e) {
            content.close();
            throw e;
        }
    }

    private static void checkRead(Conditions conditions, ObjectInfo info) {
        try {
            conditions.checkRead(info);
        } catch (StorageException e) {
            if (e.kind() == ErrorKind.NOT_MODIFIED) {
                throw new NotModifiedException(info, e.detail());
            }
            throw e;
        }
    }

    /** RFC 9110 §13.1.5: an entity tag matches strongly, a date matches Last-Modified exactly. */
    static boolean ifRangeMatches(String ifRange, ObjectInfo info) {
        String v = ifRange.trim();
        if (v.startsWith("\"")) {
            return Conditions.matches(v, info.etag(), false);
        }
        if (v.startsWith("W/")) {
            return false;
        }
        Instant date = HttpHeadersSupport.parseHttpDate(v);
        return date != null && date.equals(info.lastModified().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Deletes an object.
     *
     * @throws StorageException OBJECT_NOT_FOUND, FORBIDDEN {@code read_only}
     */
    public void delete(String bucketName, String key, CallContext ctx) {
        Bucket bucket = passerelle.bucket(bucketName);
        bucket.store().delete(bucket.container(), key, ctx);
    }
}
