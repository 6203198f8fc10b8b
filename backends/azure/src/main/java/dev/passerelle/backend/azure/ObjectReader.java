package dev.passerelle.backend.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ConsistentReadControl;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.ResolvedRange;
import dev.passerelle.api.StorageException;

import java.io.InputStream;

/**
 * Reads objects: HEAD, and whole or ranged GETs streamed in {@code read-block-size} chunks.
 *
 * <p>Read conditions are evaluated by Passerelle on the blob's current properties with
 * {@link dev.passerelle.api.Conditions#checkRead} (RFC 9110 order, exactly as for every other
 * backend); the bytes are then read with {@code If-Match} pinned to the ETag those properties
 * carried, so a read never mixes two versions. If the blob is replaced between the two requests,
 * the read starts over (a few times) on the new version; if it is replaced in the middle of a
 * stream, the stream fails with an IOException instead of serving mixed bytes.
 */
final class ObjectReader {
    private static final int ATTEMPTS = 3;

    private final AzureErrors errors;
    private final AzureOptions options;

    /**
     * @param errors the backend's error mapper
     * @param options read block size and timeout
     */
    ObjectReader(AzureErrors errors, AzureOptions options) {
        this.errors = errors;
        this.options = options;
    }

    /**
     * @return the current info of the blob, after checking the read conditions
     * @throws StorageException OBJECT_NOT_FOUND, CONTAINER_NOT_FOUND, PRECONDITION_FAILED, NOT_MODIFIED
     */
    ObjectInfo head(BlobClient blob, String container, String key, GetOptions get) {
        ObjectInfo info = properties(blob, container, key);
        get.conditions().checkRead(info);
        return info;
    }

    /**
     * @return the content (whole or the requested range); the caller closes it
     * @throws StorageException as {@link #head}, plus INVALID_RANGE
     */
    ObjectContent get(BlobClient blob, String container, String key, GetOptions get) {
        for (int attempt = 1; ; attempt++) {
            ObjectInfo info = head(blob, container, key, get);
            ResolvedRange range = get.range() == null ? null : resolve(get, info, container, key);
            long offset = range == null ? 0 : range.first();
            long count = range == null ? info.size() : range.length();
            if (count == 0) {
                return new ObjectContent(info, range, InputStream.nullInputStream());
            }
            try {
                BlobInputStreamOptions o = new BlobInputStreamOptions()
                        .setRange(new BlobRange(offset, count))
                        .setBlockSize(options.readBlockSize())
                        .setConsistentReadControl(ConsistentReadControl.NONE)
                        .setRequestConditions(AzureObjects.pinned(info.etag()));
                InputStream in = blob.openInputStream(o, Context.NONE);
                return new ObjectContent(info, range, in);
            } catch (RuntimeException e) {
                StorageException mapped = errors.map(e, AzureErrors.Op.READ, container, key);
                boolean replaced = mapped.kind() == ErrorKind.PRECONDITION_FAILED || isPreconditionFailure(e);
                if (!replaced || attempt >= ATTEMPTS) {
                    throw mapped;
                }
                // replaced between HEAD and GET: read the new version
            }
        }
    }

    /** @return the blob's info without evaluating any condition */
    ObjectInfo properties(BlobClient blob, String container, String key) {
        try {
            BlobProperties p = blob.getPropertiesWithResponse(null, options.timeout(), Context.NONE).getValue();
            return AzureObjects.info(key, p);
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.READ, container, key);
        }
    }

    private ResolvedRange resolve(GetOptions get, ObjectInfo info, String container, String key) {
        try {
            return get.range().resolve(info.size());
        } catch (StorageException e) {
            throw e.withBackend(errors.backend()).withLocation(container, key);
        }
    }

    private static boolean isPreconditionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BlobStorageException b && b.getStatusCode() == 412) {
                return true;
            }
        }
        return false;
    }
}
