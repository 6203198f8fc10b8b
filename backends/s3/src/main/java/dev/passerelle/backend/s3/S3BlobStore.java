package dev.passerelle.backend.s3;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ByteRange;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Capabilities;
import dev.passerelle.api.ContainerInfo;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.Names;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.ResolvedRange;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.support.ContinuationTokens;
import dev.passerelle.api.spi.support.ExactLengthInputStream;
import dev.passerelle.api.spi.support.ResumingInputStream;
import dev.passerelle.api.spi.support.upload.UploadBufferPool;
import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.Directive;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.ListBucketResultV2;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A {@link BlobStore} on an S3-compatible host through minio-java. What differs between hosts
 * (endpoint, addressing style, limits, conditional writes) comes from {@link S3Settings} and its
 * {@link S3Preset}; every host answer is turned into a {@link StorageException} by {@link S3ErrorMapper}.
 */
public final class S3BlobStore implements BlobStore {
    private static final long SINGLE_COPY_LIMIT = 5L << 30;
    /** Wraps the host's ListObjectsV2 continuation token; the {@code s3.} prefix is part of the tokens callers hold. */
    private static final ContinuationTokens TOKENS = new ContinuationTokens("s3.");

    private final S3Settings settings;
    private final OkHttpClient http;
    private final S3Client client;
    private final S3ErrorMapper errors;
    private final S3Uploader uploader;
    private final Capabilities capabilities;
    private final DirectS3Http direct;

    /** @param settings the resolved settings; the store owns the HTTP client it builds from them */
    public S3BlobStore(S3Settings settings) {
        this.settings = settings;
        this.http = S3ClientFactory.httpClient(settings);
        this.client = S3ClientFactory.s3Client(settings, http);
        this.errors = new S3ErrorMapper(settings.name());
        this.direct = settings.directReads() ? DirectS3Http.create(settings) : null;
        this.uploader = new S3Uploader(client, settings, errors, this::headOrNull,
                new UploadBufferPool(settings.uploadBufferMemory(), (int) settings.partSize()), direct);
        this.capabilities = settings.capabilities();
    }

    /** @return whether whole-object reads and buffered single puts go through {@link DirectS3Http} */
    boolean usesDirectReads() {
        return direct != null;
    }

    /** A whole-object read through {@link DirectS3Http}; a broken body resumes pinned to the first answer's ETag. */
    private ObjectContent getDirect(String container, String key, GetOptions options) {
        DirectS3Http.Answer answer;
        try {
            answer = direct.get(container, key, -1, null);
        } catch (RuntimeException e) {
            throw errors.map(e, container, key);
        }
        try {
            ObjectInfo info = S3Objects.fromGet(container, key, answer.headers());
            options.conditions().checkRead(info);
            if (info.size() == 0) {
                answer.body().close();
                return new ObjectContent(info, null, java.io.InputStream.nullInputStream());
            }
            ResumingInputStream.Reopener rest = offset -> {
                try {
                    return direct.get(container, key, offset, info.etag()).body();
                } catch (DirectS3Http.DirectS3Exception e) {
                    if (e.status() == 412) {
                        throw ResumingInputStream.changed(offset, info.size(), e);
                    }
                    throw e;
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
            };
            return new ObjectContent(info, null, new ResumingInputStream(info.size(), answer.body(), rest, ResumingInputStream.DEFAULT_RESUMES));
        } catch (RuntimeException | java.io.IOException e) {
            try {
                answer.body().close();
            } catch (java.io.IOException ignored) {
                // the read failed already
            }
            throw errors.map(e, container, key);
        }
    }

    /** Tests: every HTTP exchange of this store is written to {@code out} (minio's trace; secrets are masked). */
    void traceTo(java.io.OutputStream out) {
        client.traceOn(out);
    }

    /** @return the resolved settings (the secret is hidden from toString) */
    public S3Settings settings() {
        return settings;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public void createContainer(String container, CallContext context) {
        Names.validateContainer(container);
        if (containerExists(container, context)) {
            throw errors.map(new StorageException(ErrorKind.ALREADY_EXISTS, "bucket already exists"), container, null);
        }
        try {
            S3Client.await(() -> client.makeBucket(MakeBucketArgs.builder().bucket(container).build()));
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
        }
    }

    @Override
    public boolean containerExists(String container, CallContext context) {
        Names.validateContainer(container);
        try {
            return S3Client.await(() -> client.bucketExists(BucketExistsArgs.builder().bucket(container).build()));
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
        }
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        Names.validateContainer(container);
        try {
            S3Client.await(() -> client.removeBucket(RemoveBucketArgs.builder().bucket(container).build()));
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
        }
    }

    @Override
    public List<ContainerInfo> listContainers(CallContext context) {
        try {
            return S3Client.await(client::listBuckets).stream()
                    .map(b -> new ContainerInfo(b.name(), b.creationDate() == null ? null : b.creationDate().toInstant()))
                    .sorted(Comparator.comparing(ContainerInfo::name))
                    .toList();
        } catch (RuntimeException e) {
            throw errors.map(e, null, null);
        }
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        validate(container, key);
        Names.validateMetadata(options.userMetadata());
        return uploader.upload(container, key, data, length, options);
    }

    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        validate(container, key);
        ByteRange range = options.range();
        if (range == null && direct != null) {
            return getDirect(container, key, options);
        }
        Map<String, String> headers = range == null ? Map.of() : Map.of("Range", range.toString());
        GetObjectResponse response;
        try {
            response = S3Client.await(() -> client.getObject(GetObjectArgs.builder().bucket(container).object(key)
                    .extraHeaders(headers).build()));
        } catch (RuntimeException e) {
            throw errors.map(e, container, key);
        }
        try {
            ObjectInfo info = S3Objects.fromGet(container, key, response.headers());
            options.conditions().checkRead(info);
            if (range == null) {
                return new ObjectContent(info, null, response);
            }
            ResolvedRange resolved = range.resolve(info.size());
            long served = S3Objects.rangeStart(response.headers());
            if (served == resolved.first()) {
                return new ObjectContent(info, resolved, new ExactLengthInputStream(response, 0, resolved.length()));
            }
            if (served < 0) {
                // the host ignored the Range header and sent the whole object: cut the range out of it
                return new ObjectContent(info, resolved, new ExactLengthInputStream(response, resolved.first(), resolved.length()));
            }
            if (!range.isSuffix() && range.first() == resolved.first()) {
                throw new StorageException(ErrorKind.INTERNAL, "the host served bytes from " + served + " for " + range);
            }
            // some hosts (s3rver) mis-serve suffix ranges: ask again with the range's explicit ends
            closeQuietly(response);
            return get(container, key, options.withRange(ByteRange.of(resolved.first(), resolved.last())));
        } catch (RuntimeException e) {
            closeQuietly(response);
            throw errors.map(e, container, key);
        }
    }

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        validate(container, key);
        ObjectInfo info = stat(container, key);
        try {
            options.conditions().checkRead(info);
        } catch (StorageException e) {
            throw errors.map(e, container, key);
        }
        return info;
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        validate(container, key);
        // S3 deletes are idempotent: a missing object must be found out before deleting
        stat(container, key);
        try {
            S3Client.await(() -> client.removeObject(RemoveObjectArgs.builder().bucket(container).object(key).build()));
        } catch (RuntimeException e) {
            throw errors.map(e, container, key);
        }
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        validate(sourceContainer, sourceKey);
        validate(targetContainer, targetKey);
        StatObjectResponse source = rawStat(sourceContainer, sourceKey);
        ObjectInfo sourceInfo = S3Objects.fromStat(sourceKey, source);
        try {
            options.sourceConditions().checkRead(sourceInfo);
        } catch (StorageException e) {
            StorageException failed = e.kind() == ErrorKind.NOT_MODIFIED
                    ? new StorageException(ErrorKind.PRECONDITION_FAILED, "source condition failed: " + e.detail()) : e;
            throw errors.map(failed, sourceContainer, sourceKey);
        }
        boolean sameObject = sourceContainer.equals(targetContainer) && sourceKey.equals(targetKey);
        boolean keepAll = !sameObject && sourceInfo.size() <= SINGLE_COPY_LIMIT;
        CopyObjectArgs.Builder args = CopyObjectArgs.builder().bucket(targetContainer).object(targetKey)
                .source(CopySource.builder().bucket(sourceContainer).object(sourceKey).matchETag(sourceInfo.etag()).build());
        if (keepAll) {
            args.metadataDirective(Directive.COPY);
        } else {
            // a self-copy or a multipart copy (> 5 GiB) must restate what the object carries
            args.metadataDirective(Directive.REPLACE).userMetadata(source.userMetadata());
            if (sourceInfo.contentType() != null) {
                args.headers(Map.of("Content-Type", sourceInfo.contentType()));
            }
        }
        try {
            S3Client.await(() -> client.copyObject(args.build()));
        } catch (RuntimeException e) {
            throw errors.map(e, targetContainer, targetKey);
        }
        return stat(targetContainer, targetKey);
    }

    @Override
    public ListPage listPage(String container, ListRequest request) {
        Names.validateContainer(container);
        try {
            String hostToken = TOKENS.decode(request.continuationToken());
            ListBucketResultV2 page = S3Client.await(() -> client.listPage(container, request.prefix(), request.delimiter(),
                    request.startAfter(), request.pageSize(), hostToken)).result();
            List<ObjectInfo> objects = page.contents().stream().filter(i -> !i.isDir()).map(S3Objects::fromItem).toList();
            List<String> prefixes = page.commonPrefixes().stream().map(p -> p.toItem().objectName()).toList();
            String next = page.isTruncated() ? page.nextContinuationToken() : null;
            if (page.isTruncated() && (next == null || next.isEmpty())) {
                throw new StorageException(ErrorKind.UNAVAILABLE, null, "the host said the listing goes on but gave no continuation token", false, null);
            }
            return new ListPage(objects, prefixes, TOKENS.encode(next));
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /**
     * @return the object's info
     * @throws StorageException OBJECT_NOT_FOUND, or CONTAINER_NOT_FOUND when the bucket is missing
     *         (a HEAD answer has no body, so the host cannot tell which)
     */
    private ObjectInfo stat(String container, String key) {
        return S3Objects.fromStat(key, rawStat(container, key));
    }

    private StatObjectResponse rawStat(String container, String key) {
        try {
            return S3Client.await(() -> client.statObject(StatObjectArgs.builder().bucket(container).object(key).build()));
        } catch (RuntimeException e) {
            StorageException mapped = errors.map(e, container, key);
            if (mapped.kind() == ErrorKind.OBJECT_NOT_FOUND && !containerExists(container, CallContext.system())) {
                throw errors.map(new StorageException(ErrorKind.CONTAINER_NOT_FOUND, "bucket does not exist", e), container, key);
            }
            throw mapped;
        }
    }

    /** @return the object's info, or null when there is no such object (a missing bucket still fails) */
    ObjectInfo headOrNull(String container, String key) {
        try {
            return stat(container, key);
        } catch (StorageException e) {
            if (e.kind() == ErrorKind.OBJECT_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Checks a key can be addressed in an S3 URL by our HTTP client: okhttp (under minio-java)
     * resolves {@code .} and {@code ..} path segments, even percent-encoded, so such a key would
     * silently address ANOTHER key. It is refused instead.
     *
     * @throws StorageException UNSUPPORTED for a key with a {@code .} or {@code ..} segment
     */
    static void requireAddressable(String key) {
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new StorageException(ErrorKind.UNSUPPORTED, "unaddressable_key",
                        "the S3 backend cannot address keys with a '.' or '..' segment (its HTTP client normalises them)", false, null);
            }
        }
    }

    private void validate(String container, String key) {
        Names.validate(container, key);
        try {
            requireAddressable(key);
        } catch (StorageException e) {
            throw errors.map(e, container, key);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }
}
