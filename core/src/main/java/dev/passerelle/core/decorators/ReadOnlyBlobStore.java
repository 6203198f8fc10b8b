package dev.passerelle.core.decorators;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Capabilities;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;

import java.io.InputStream;

/**
 * A bucket that refuses every write and delete with FORBIDDEN and code {@code read_only}, e.g.
 * during a cut-over ({@code passerelle.buckets.<b>.read-only=true}). Reads pass through; the
 * capabilities say {@code writable=false}. A refused put does not read its stream.
 */
public final class ReadOnlyBlobStore extends ForwardingBlobStore {
    /** The stable code of a refused write. */
    public static final String CODE = "read_only";

    private final String bucket;
    private final Capabilities capabilities;

    /**
     * @param delegate the store reads go to
     * @param bucket the bucket's name, for messages
     */
    public ReadOnlyBlobStore(BlobStore delegate, String bucket) {
        super(delegate);
        this.bucket = bucket;
        this.capabilities = delegate.capabilities().toBuilder().writable(false).build();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public void createContainer(String container, CallContext context) {
        throw refused(container, null);
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        throw refused(container, null);
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        throw refused(container, key);
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        throw refused(container, key);
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        throw refused(targetContainer, targetKey);
    }

    private StorageException refused(String container, String key) {
        return new StorageException(ErrorKind.FORBIDDEN, CODE, "bucket " + bucket + " is read-only", false, null)
                .withLocation(container, key);
    }
}
