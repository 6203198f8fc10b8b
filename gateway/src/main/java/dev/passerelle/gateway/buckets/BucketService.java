package dev.passerelle.gateway.buckets;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.Bucket;
import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.auth.Caller;
import dev.passerelle.gateway.ops.GatewayMetrics;
import dev.passerelle.sovereign.policy.Placement;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/** Buckets (list, create, delete) and object listings, over the configured routing. */
@Singleton
public class BucketService {
    private final Passerelle passerelle;
    private final GatewayMetrics metrics;

    /** Wires the service. */
    public BucketService(Passerelle passerelle, GatewayMetrics metrics) {
        this.passerelle = passerelle;
        this.metrics = metrics;
    }

    /**
     * A bucket as listed.
     *
     * @param name the bucket's name
     * @param backend the backend it is routed to
     * @param readOnly whether it refuses writes
     */
    public record BucketView(String name, String backend, boolean readOnly) {
    }

    /**
     * Where a bucket lives and which residency rule allows it.
     *
     * @param bucket the bucket
     * @param backend the backend its bytes are routed to
     * @param jurisdiction the backend's jurisdiction (ISO country, {@code EU} or {@code UNKNOWN})
     * @param certifications the backend's certifications, sorted
     * @param classification the bucket's classification, or null
     * @param encryption {@code required} or {@code none}
     * @param kekId the id of the KEK new objects are wrapped under (never key material), or null
     * @param allowed whether the placement complies with the residency policy
     * @param rule the configuration key of the deciding rule, or {@code none}
     * @param explanation one line: which rule allows it, or the violation
     */
    public record PlacementView(String bucket, String backend, String jurisdiction, List<String> certifications, String classification,
                                String encryption, String kekId, boolean allowed, String rule, String explanation) {
    }

    /** @return the placement of a bucket's route (it need not exist at the backend) */
    public PlacementView placement(String bucket) {
        Placement p = passerelle.placement(bucket);
        return new PlacementView(p.bucket(), p.backend(), p.jurisdiction(), new TreeSet<>(p.certifications()).stream().toList(),
                p.classification(), p.encryption(), p.kekId(), p.allowed(), p.rule(), p.explanation());
    }

    /**
     * An object as listed.
     *
     * @param key the key
     * @param size its size in bytes
     * @param etag its ETag, unquoted
     * @param lastModified ISO-8601 instant
     * @param contentType its media type, or null when the backend's listing does not say
     */
    public record ObjectEntry(String key, long size, String etag, String lastModified, String contentType) {
    }

    /**
     * One page of a listing.
     *
     * @param objects the objects
     * @param prefixes the common prefixes (with a delimiter)
     * @param nextCursor the opaque cursor of the next page, or null on the last page
     */
    public record ObjectListing(List<ObjectEntry> objects, List<String> prefixes, String nextCursor) {
    }

    /** @return the buckets the caller may use, on every backend, sorted by name */
    public List<BucketView> list(Caller caller, CallContext ctx) {
        return metrics.record(GatewayMetrics.ALL_BACKENDS, "list_buckets", () -> passerelle.listBuckets(ctx)).stream()
                .filter(b -> caller == null || caller.mayUse(b.name()))
                .map(b -> new BucketView(b.name(), b.backend(), b.readOnly()))
                .toList();
    }

    /**
     * Creates the bucket on the backend the configuration routes it to.
     *
     * @throws StorageException ALREADY_EXISTS (409), INVALID_ARGUMENT {@code invalid_bucket_name}
     */
    public BucketView create(String name, CallContext ctx) {
        Bucket b = passerelle.bucket(name);
        metrics.record(b.backend(), "create_bucket", () -> {
            b.store().createContainer(b.container(), ctx);
            return null;
        });
        return new BucketView(b.name(), b.backend(), b.readOnly());
    }

    /**
     * Deletes an empty bucket.
     *
     * @throws StorageException CONTAINER_NOT_FOUND (404), CONFLICT (409) when it still holds objects
     */
    public void delete(String name, CallContext ctx) {
        Bucket b = passerelle.bucket(name);
        metrics.record(b.backend(), "delete_bucket", () -> {
            b.store().deleteContainer(b.container(), ctx);
            return null;
        });
    }

    /**
     * Lists one page of a bucket.
     *
     * @param limit the page size text (1..1000), or null for 1000
     * @param cursor the cursor of a previous page, or null
     * @throws StorageException INVALID_ARGUMENT {@code invalid_limit} / {@code invalid_cursor}, CONTAINER_NOT_FOUND
     */
    public ObjectListing listObjects(String name, String prefix, String delimiter, String cursor, String limit, CallContext ctx) {
        Bucket b = passerelle.bucket(name);
        ListRequest request = new ListRequest(prefix, delimiter, null, pageSize(limit), decodeCursor(cursor), ctx);
        ListPage page = metrics.record(b.backend(), "list_objects", () -> b.store().listPage(b.container(), request));
        List<ObjectEntry> objects = page.objects().stream().map(BucketService::entry).toList();
        return new ObjectListing(objects, page.commonPrefixes(), encodeCursor(page.nextContinuationToken()));
    }

    private static ObjectEntry entry(ObjectInfo o) {
        return new ObjectEntry(o.key(), o.size(), o.etag(), o.lastModified().toString(), o.contentType());
    }

    static int pageSize(String limit) {
        if (limit == null || limit.isBlank()) {
            return ListRequest.MAX_PAGE_SIZE;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= ListRequest.MAX_PAGE_SIZE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw StorageException.invalid("invalid_limit", "limit must be an integer from 1 to " + ListRequest.MAX_PAGE_SIZE);
    }

    static String encodeCursor(String token) {
        return token == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new StorageException(ErrorKind.INVALID_ARGUMENT, "invalid_cursor", "cursor is not one this gateway returned", false, null);
        }
    }
}
