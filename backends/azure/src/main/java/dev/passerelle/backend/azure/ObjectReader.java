package dev.passerelle.backend.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceAsyncClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ConsistentReadControl;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.specialized.BlobInputStream;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.ReplacedObjectReads;
import dev.passerelle.api.ResolvedRange;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.support.ResumingInputStream;

import java.io.InputStream;
import java.util.Optional;

/**
 * Reads objects: HEAD, and whole or ranged GETs. With {@code read-mode=stream} (the default on the
 * built-in HTTP client) a read is ONE Get Blob request whose body is streamed with bounded memory
 * (see {@link StreamedGet}); with {@code read-mode=blocks} it goes through the SDK's
 * {@code BlobInputStream}, one request per {@code read-block-size}, one after the other.
 *
 * <p>Read conditions are evaluated by Passerelle with {@link dev.passerelle.api.Conditions#checkRead}
 * (RFC 9110 order, exactly as for every other backend) on the properties of the version served.
 * A whole-object read gets them from its first chunk; a ranged read first reads them (the range
 * may be a suffix, which needs the size) and then reads the bytes with {@code If-Match} pinned to
 * that ETag; if the blob is replaced between the two requests, it starts over on the new version
 * (at most {@link ReplacedObjectReads#MAX_READS} reads). Every later chunk is pinned to the first ETag, so a blob replaced in the middle of
 * a stream makes the stream fail with an IOException instead of serving mixed bytes (a streamed
 * read is one request; the SDK's resumption after a broken connection is pinned the same way).
 */
final class ObjectReader {
    private final AzureErrors errors;
    private final AzureOptions options;
    private final BlobServiceAsyncClient async;
    private final DirectBlobHttp direct;

    /**
     * @param errors the backend's error mapper
     * @param options read mode, block size, buffer and timeout
     * @param async the asynchronous client (same pipeline as the blocking one), for streamed reads
     * @param direct the transport of whole-object reads, or null to send them through the SDK
     */
    ObjectReader(AzureErrors errors, AzureOptions options, BlobServiceAsyncClient async, DirectBlobHttp direct) {
        this.errors = errors;
        this.options = options;
        this.async = async;
        this.direct = direct;
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
        if (get.range() == null) {
            return whole(blob, container, key, get);
        }
        return ReplacedObjectReads.read(() -> {
            ObjectInfo info = head(blob, container, key, get);
            ResolvedRange range = get.range() == null ? null : resolve(get, info, container, key);
            long offset = range == null ? 0 : range.first();
            long count = range == null ? info.size() : range.length();
            if (count == 0) {
                return Optional.of(new ObjectContent(info, range, InputStream.nullInputStream()));
            }
            try {
                if (options.streamReads()) {
                    StreamedGet g = StreamedGet.start(async.getBlobContainerAsyncClient(container).getBlobAsyncClient(key),
                            new BlobRange(offset, count), AzureObjects.pinned(info.etag()), options);
                    return Optional.of(new ObjectContent(info, range, g.body()));
                }
                BlobInputStreamOptions o = new BlobInputStreamOptions()
                        .setRange(new BlobRange(offset, count))
                        .setBlockSize(options.readBlockSize())
                        .setConsistentReadControl(ConsistentReadControl.NONE)
                        .setRequestConditions(AzureObjects.pinned(info.etag()));
                InputStream in = blob.openInputStream(o, Context.NONE);
                return Optional.of(new ObjectContent(info, range, in));
            } catch (RuntimeException e) {
                StorageException mapped = errors.map(e, AzureErrors.Op.READ, container, key);
                if (mapped.kind() != ErrorKind.PRECONDITION_FAILED && !isPreconditionFailure(e)) {
                    throw mapped;
                }
                return Optional.<ObjectContent>empty(); // replaced between HEAD and GET: read the new version
            }
        });
    }

    /**
     * A whole-object read in one step: the first chunk's response carries the properties of exactly
     * the version being served (conditions are evaluated on them), and later chunks are pinned to its
     * ETag by the SDK, so an overwrite racing the read can never make it fail before it starts.
     */
    private ObjectContent whole(BlobClient blob, String container, String key, GetOptions get) {
        if (direct != null) {
            return wholeDirect(container, key, get);
        }
        if (options.streamReads()) {
            return wholeStreamed(container, key, get);
        }
        BlobInputStream in;
        try {
            in = blob.openInputStream(new BlobInputStreamOptions()
                    .setBlockSize(options.readBlockSize())
                    .setConsistentReadControl(ConsistentReadControl.ETAG), Context.NONE);
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.READ, container, key);
        }
        try {
            ObjectInfo info = AzureObjects.info(key, in.getProperties());
            get.conditions().checkRead(info);
            return new ObjectContent(info, null, info.size() == 0 ? InputStream.nullInputStream() : in);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw errors.map(e, AzureErrors.Op.READ, container, key);
        }
    }

    /** As {@link #whole}, in ONE request: the properties come from its response headers. */
    private ObjectContent wholeStreamed(String container, String key, GetOptions get) {
        StreamedGet g;
        try {
            g = StreamedGet.start(async.getBlobContainerAsyncClient(container).getBlobAsyncClient(key), null, null, options);
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.READ, container, key);
        }
        try {
            ObjectInfo info = AzureObjects.info(key, g.properties());
            get.conditions().checkRead(info);
            if (info.size() == 0) {
                g.discard();
                return new ObjectContent(info, null, InputStream.nullInputStream());
            }
            return new ObjectContent(info, null, g.body());
        } catch (RuntimeException e) {
            g.discard();
            throw errors.map(e, AzureErrors.Op.READ, container, key);
        }
    }

    /** As {@link #wholeStreamed}, through {@link DirectBlobHttp}; a broken body resumes pinned to the ETag. */
    private ObjectContent wholeDirect(String container, String key, GetOptions get) {
        DirectBlobHttp.Answer answer;
        try {
            answer = direct.getBlob(container, key, -1, -1, null);
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.READ, container, key);
        }
        try {
            ObjectInfo info = AzureObjects.info(key, answer.headers());
            get.conditions().checkRead(info);
            if (info.size() == 0) {
                closeQuietly(answer.body());
                return new ObjectContent(info, null, InputStream.nullInputStream());
            }
            ResumingInputStream.Reopener rest = offset -> {
                try {
                    return direct.getBlob(container, key, offset, info.size() - 1, info.etag()).body();
                } catch (DirectBlobHttp.DirectHttpException e) {
                    if (e.status() == 412) {
                        throw ResumingInputStream.changed(offset, info.size(), e);
                    }
                    throw e;
                }
            };
            return new ObjectContent(info, null, new ResumingInputStream(info.size(), answer.body(), rest, options.readResumes()));
        } catch (RuntimeException e) {
            closeQuietly(answer.body());
            throw errors.map(e, AzureErrors.Op.READ, container, key);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException e) {
            // nothing was read; the connection is released either way
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
