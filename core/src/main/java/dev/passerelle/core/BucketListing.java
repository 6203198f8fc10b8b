package dev.passerelle.core;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.ContainerInfo;
import dev.passerelle.api.StorageException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link Passerelle#listBuckets} found: the buckets that exist, and what it could not ask. A
 * backend that does not answer makes the listing partial, never a failure of the whole list.
 *
 * @param buckets the buckets that exist, sorted by name
 * @param unavailable the configured buckets whose backend did not answer (they may or may not exist), sorted by name
 * @param failedBackends the backends that did not answer, by name, with their error
 */
public record BucketListing(List<Bucket> buckets, List<BucketConfig> unavailable, SortedMap<String, StorageException> failedBackends) {
    /** Copies everything. */
    public BucketListing {
        buckets = List.copyOf(buckets);
        unavailable = List.copyOf(unavailable);
        failedBackends = Collections.unmodifiableSortedMap(new TreeMap<>(failedBackends));
    }

    /**
     * @return whether a backend did not answer: its configured buckets are in {@link #unavailable()},
     *         and when it is the default backend, its unconfigured buckets are missing altogether
     */
    public boolean partial() {
        return !failedBackends.isEmpty();
    }

    /**
     * Asks every backend the buckets reach: each configured bucket's backend whether its container
     * exists (a backend that fails once is not asked again), and the default backend for its containers.
     */
    static BucketListing collect(CoreSettings settings, Passerelle passerelle, CallContext ctx) {
        SortedMap<String, Bucket> found = new TreeMap<>();
        SortedMap<String, BucketConfig> unavailable = new TreeMap<>();
        SortedMap<String, StorageException> failed = new TreeMap<>();
        Map<String, String> defaultContainerToBucket = new TreeMap<>();
        for (BucketConfig b : settings.buckets.values()) {
            if (b.backend().equals(settings.defaultBackend)) {
                defaultContainerToBucket.put(b.container(), b.name());
            } else if (failed.containsKey(b.backend())) {
                unavailable.put(b.name(), b);
            } else if (exists(passerelle.backend(b.backend()), b.container(), ctx, failed)) {
                found.put(b.name(), passerelle.bucket(b.name()));
            } else if (failed.containsKey(b.backend())) {
                unavailable.put(b.name(), b);
            }
        }
        if (settings.defaultBackend != null) {
            List<String> names = new ArrayList<>();
            try {
                for (ContainerInfo c : passerelle.backend(settings.defaultBackend).store().listContainers(ctx)) {
                    String name = defaultContainerToBucket.get(c.name());
                    if (name == null && !settings.buckets.containsKey(c.name()) && Passerelle.isBucketName(c.name())) {
                        name = c.name();
                    }
                    if (name != null) {
                        names.add(name);
                    }
                }
            } catch (StorageException e) {
                failed.put(settings.defaultBackend, e);
                defaultContainerToBucket.values().stream().filter(n -> !names.contains(n))
                        .forEach(n -> unavailable.put(n, settings.buckets.get(n)));
            }
            names.forEach(n -> found.put(n, passerelle.bucket(n)));
        }
        return new BucketListing(List.copyOf(found.values()), List.copyOf(unavailable.values()), failed);
    }

    /** @return whether the container exists; false, with the error recorded under the backend's name, when the backend fails */
    private static boolean exists(BackendInfo backend, String container, CallContext ctx, Map<String, StorageException> failed) {
        try {
            return backend.store().containerExists(container, ctx);
        } catch (StorageException e) {
            failed.put(backend.name(), e);
            return false;
        }
    }
}
