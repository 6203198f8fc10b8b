package dev.passerelle.migrate;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ListOrder;

import java.util.Set;

/**
 * A {@link Location} resolved against the configuration: the backend's store and what the report
 * may say about the backend (never its credentials).
 *
 * @param location where
 * @param store the backend's store (the caller owns its lifecycle)
 * @param type the backend type ({@code filesystem}, {@code azure}, {@code s3}, ...)
 * @param jurisdiction who can compel the host, or null when not configured
 * @param certifications the host's certifications (e.g. HDS, SecNumCloud); may be empty
 */
public record Endpoint(Location location, BlobStore store, String type, String jurisdiction, Set<String> certifications) {

    /** Copies the set. */
    public Endpoint {
        certifications = certifications == null ? Set.of() : Set.copyOf(certifications);
    }

    /** @return the container */
    public String container() {
        return location.container();
    }

    /** @return the full key of a relative key */
    public String fullKey(String relativeKey) {
        return location.fullKey(relativeKey);
    }

    /** @return the order the backend lists keys in */
    public ListOrder listOrder() {
        return store.capabilities().listOrder();
    }
}
