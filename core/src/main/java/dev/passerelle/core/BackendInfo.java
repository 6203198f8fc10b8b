package dev.passerelle.core;

import dev.passerelle.api.BlobStore;

import java.util.Set;

/**
 * One configured backend, as the registry built it.
 *
 * @param name the backend's name (the {@code <name>} in {@code passerelle.backends.<name>.*})
 * @param type the provider type ({@code filesystem}, {@code azure}, ...)
 * @param jurisdiction who can compel the host: the configured value upper-cased (an ISO country or
 *                     {@code EU}), or {@code UNKNOWN} when unset
 * @param certifications the configured certifications (e.g. {@code HDS}, {@code SecNumCloud}), sorted; may be empty
 * @param store the backend under the chain's innermost layer, TIMEOUT, built once per backend (the
 *              per-call timeout, the cap on calls in flight, the backend name filled into every
 *              {@link dev.passerelle.api.StorageException}); no bucket layer applies
 */
public record BackendInfo(String name, String type, String jurisdiction, Set<String> certifications, BlobStore store) {

    /** The jurisdiction reported when none is configured; no residency rule allows it. */
    public static final String UNKNOWN_JURISDICTION = "UNKNOWN";

    /** Copies the certifications into an immutable set. */
    public BackendInfo {
        certifications = Set.copyOf(certifications);
    }
}
