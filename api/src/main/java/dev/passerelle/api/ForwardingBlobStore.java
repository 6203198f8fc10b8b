package dev.passerelle.api;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * A store that forwards every call to another. Decorators (retry, read-only, audit, encryption,
 * ...) extend it and override only what they change.
 */
public abstract class ForwardingBlobStore implements BlobStore {
    private final BlobStore delegate;

    /** @param delegate the store calls are forwarded to */
    protected ForwardingBlobStore(BlobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the store calls are forwarded to */
    public BlobStore delegate() {
        return delegate;
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void createContainer(String container, CallContext context) {
        delegate.createContainer(container, context);
    }

    @Override
    public boolean containerExists(String container, CallContext context) {
        return delegate.containerExists(container, context);
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        delegate.deleteContainer(container, context);
    }

    @Override
    public List<ContainerInfo> listContainers(CallContext context) {
        return delegate.listContainers(context);
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        return delegate.put(container, key, data, length, options);
    }

    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        return delegate.get(container, key, options);
    }

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        return delegate.head(container, key, options);
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        delegate.delete(container, key, context);
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        return delegate.copy(sourceContainer, sourceKey, targetContainer, targetKey, options);
    }

    @Override
    public ListPage listPage(String container, ListRequest request) {
        return delegate.listPage(container, request);
    }

    @Override
    public void checkHealth() {
        delegate.checkHealth();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
