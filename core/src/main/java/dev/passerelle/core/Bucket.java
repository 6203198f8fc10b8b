package dev.passerelle.core;

import dev.passerelle.api.BlobStore;

/**
 * A bucket as clients see it, routed to a container at one backend.
 *
 * @param name the bucket name clients use
 * @param backend the name of the backend that keeps its objects
 * @param container the container name at that backend (the bucket name unless configured otherwise);
 *                  pass it as the {@code container} argument of every call on {@link #store()}
 * @param readOnly whether writes and deletes are refused ({@code passerelle.buckets.<b>.read-only})
 * @param store the bucket's decorator chain over the backend (see {@link DecoratorChain}); shared, never
 *              close it ({@link Passerelle#close()} closes the backends)
 */
public record Bucket(String name, String backend, String container, boolean readOnly, BlobStore store) {
}
