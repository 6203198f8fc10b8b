package dev.passerelle.gateway.buckets;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.Bucket;
import dev.passerelle.core.BucketListing;
import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.auth.Caller;
import dev.passerelle.gateway.http.GatewayMetrics;
import dev.passerelle.sovereign.policy.Placement;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Buckets (list, create, delete) and object listings, over the configured routing. */
@Singleton
public class BucketService {
    private static final Logger LOG = Logger.getLogger(BucketService.class);
    private final Passerelle passerelle;
    private final GatewayMetrics metrics;

    /** Wires the service. */
    public BucketService(Passerelle passerelle, GatewayMetrics metrics) {
        this.passerelle = passerelle;
        this.metrics = metrics;
    }

    /**
     * A bucket as listed (the entries of the listing's JSON array).
     *
     * @param name the bucket's name
     * @param backend the backend it is routed to
     * @param readOnly whether it refuses writes
     * @param available false when its backend did not answer the listing (the bucket may or may not exist there)
     * @param error the stable code of its backend's failure (e.g. {@code backend_unavailable}) when not available, else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BucketView(String name, String backend, boolean readOnly, boolean available, String error) {
        BucketView(Bucket b) {
            this(b.name(), b.backend(), b.readOnly(), true, null);
        }
    }

    /**
     * A backend that did not answer the listing.
     *
     * @param backend its name
     * @param code the stable code of its failure (e.g. {@code backend_unavailable}, {@code backend_timeout})
     * @param detail the failure's detail, for the log
     */
    public record FailedBackend(String backend, String code, String detail) {
    }

    /**
     * The bucket listing: never failed as a whole by one backend.
     *
     * @param buckets the buckets the caller may use, sorted by name: those that exist, and the configured
     *                buckets of the backends that did not answer ({@code available=false})
     * @param failedBackends the backends that did not answer, sorted by name (empty when the listing is complete)
     */
    public record BucketList(List<BucketView> buckets, List<FailedBackend> failedBackends) {
        /** @return whether a backend did not answer (the unconfigured buckets of a failed default backend are then missing) */
        public boolean partial() {
            return !failedBackends.isEmpty();
        }
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

    /** @return the buckets the caller may use, on every backend that answers, sorted by name; never fails for one backend */
    public BucketList list(Caller caller, CallContext ctx) {
        BucketListing listing = metrics.record(GatewayMetrics.ALL_BACKENDS, "list_buckets", () -> passerelle.listBuckets(ctx));
        TreeMap<String, BucketView> views = new TreeMap<>();
        listing.buckets().forEach(b -> views.put(b.name(), new BucketView(b)));
        listing.unavailable().forEach(b -> views.put(b.name(), new BucketView(b.name(), b.backend(), b.readOnly(), false,
                listing.failedBackends().get(b.backend()).code())));
        views.keySet().removeIf(name -> caller != null && !caller.mayUse(name));
        List<FailedBackend> failed = listing.failedBackends().entrySet().stream()
                .map(e -> new FailedBackend(e.getKey(), e.getValue().code(), e.getValue().detail())).toList();
        failed.forEach(f -> LOG.warnf("bucket listing is partial: backend %s did not answer (%s: %s)", f.backend(), f.code(), f.detail()));
        return new BucketList(List.copyOf(views.values()), failed);
    }

    /**
     * Creates the bucket on the backend the configuration routes it to.
     *
     * @throws StorageException ALREADY_EXISTS (409), INVALID_ARGUMENT {@code invalid_bucket_name}
     */
    public BucketView create(String name, CallContext ctx) {
        Bucket b = passerelle.bucket(name);
        b.store().createContainer(b.container(), ctx);
        return new BucketView(b);
    }

    /**
     * Deletes an empty bucket.
     *
     * @throws StorageException CONTAINER_NOT_FOUND (404), CONFLICT (409) when it still holds objects
     */
    public void delete(String name, CallContext ctx) {
        Bucket b = passerelle.bucket(name);
        b.store().deleteContainer(b.container(), ctx);
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
        ListPage page = b.store().listPage(b.container(), request);
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
