package dev.passerelle.api;

import java.util.Optional;

/**
 * What a {@link BlobStore#put} did at its commit point: created the key, or replaced an object
 * already under it. Passed in {@link PutOptions#outcome()} by a caller that needs the answer (the
 * gateway's {@code 201} versus {@code 200}); a backend that can tell atomically (the filesystem,
 * under its per-key commit lock) fills it when it commits, one that cannot (S3 and Azure without
 * a conditional write) leaves it empty, and the caller falls back to what it saw before the write.
 * Decorators pass it through untouched. Thread-safe; the last commit of a retried put wins.
 */
public final class PutOutcome {
    private volatile Boolean created;

    /** @param created whether no object was under the key at the commit point */
    public void committed(boolean created) {
        this.created = created;
    }

    /** @return whether the put created the key, when the backend could tell at its commit point */
    public Optional<Boolean> created() {
        return Optional.ofNullable(created);
    }
}
