package dev.passerelle.backend.s3;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.Multimap;
import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import dev.passerelle.api.io.VerifyingInputStream;
import dev.passerelle.api.spi.support.AsciiHeaderMetadata;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.Directive;
import io.minio.ObjectWriteResponse;
import io.minio.messages.Part;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Uploads one object with bounded memory. A body that fits in one part is buffered (at most one
 * part), hashed, and sent in ONE PutObject carrying Passerelle's SHA-256 and MD5 as metadata (and as
 * the payload hash and Content-MD5 the host checks). A known-length body up to {@code single-put-max}
 * is streamed as one PutObject ({@link StreamedPut}). Anything larger, or of unknown length, goes as
 * a multipart upload whose parts are sent in parallel from a bounded pool; length and expected
 * checksums are verified before CompleteMultipartUpload and any failure aborts the upload. Unless the
 * caller gave both checksums up front, a streamed or multipart object gets them afterwards by a
 * metadata-replacing copy of the object onto itself (ADR 0005).
 */
final class S3Uploader {
    private static final long MIB = 1L << 20;
    private static final java.util.function.Supplier<Throwable> NO_FAILURE = () -> null;

    /** Reads an object's current info, or null when there is none. */
    interface CurrentObject {
        ObjectInfo headOrNull(String bucket, String key);
    }

    private final S3Client client;
    private final S3Settings settings;
    private final S3ErrorMapper errors;
    private final CurrentObject current;
    private final UploadBufferPool buffers;
    private final StreamedPut streamed;

    /** the transport of buffered single puts, or null to send them through minio-java */
    private final DirectS3Http direct;

    /**
     * @param client the S3 client
     * @param settings part size, concurrency, limits
     * @param errors the backend's error mapper
     * @param current reads an object's current info (for conditions)
     * @param buffers the store-wide upload memory
     */
    S3Uploader(S3Client client, S3Settings settings, S3ErrorMapper errors, CurrentObject current, UploadBufferPool buffers,
               DirectS3Http direct) {
        this.direct = direct;
        this.client = client;
        this.settings = settings;
        this.errors = errors;
        this.current = current;
        this.buffers = buffers;
        this.streamed = new StreamedPut(client, this);
    }

    /**
     * Stores the object; see {@link dev.passerelle.api.BlobStore#put}.
     *
     * @return the stored object's info with Passerelle's checksums
     */
    ObjectInfo upload(String bucket, String key, InputStream data, long length, PutOptions options) {
        long maxLength = length >= 0 ? settings.maxObjectSize() : Math.min(settings.maxObjectSize(), settings.partSize() * settings.maxParts());
        // a known-length body above one part and within single-put-max goes as ONE streamed PutObject;
        // a prehashed one (PutOptions.prehashed) is then not hashed again: the request carries the expected
        // MD5 as Content-MD5, which every S3 host checks before it stores the body, so what is stored has
        // the MD5 hashed together with the SHA-256 in the caller's earlier read (ADR 0012)
        boolean streamedPut = length > settings.partSize() && length <= settings.singlePutMax();
        VerifyingInputStream in = streamedPut && options.prehashed()
                ? VerifyingInputStream.hostChecked(data, length, maxLength, options)
                : VerifyingInputStream.forPut(data, length, maxLength, options);
        AsciiHeaderMetadata.encode(options.userMetadata(), Map.of(), settings.maxMetadataWireBytes());
        try {
            if (length >= 0 && length <= settings.partSize()) {
                // exactly the body's size, from the store's budget: a small object holds a small buffer
                byte[] body = buffers.acquire((int) length, NO_FAILURE);
                try {
                    int n = PartBuffers.fill(in, body, body.length);
                    return putSingle(bucket, key, in, body, n, options);
                } finally {
                    buffers.release(body);
                }
            }
            if (length < 0) {
                return putUnknownLength(bucket, key, in, options);
            }
            if (streamedPut) {
                return streamed.put(bucket, key, in, length, options);
            }
            return putMultipart(bucket, key, in, null, partSizeFor(length), options);
        } catch (IOException e) {
            throw errors.map(StorageException.invalid("read_failed", "reading the upload failed: " + e.getMessage()), bucket, key);
        } catch (RuntimeException e) {
            throw errors.map(e, bucket, key);
        }
    }

    /**
     * A body of unknown length: one part's worth of the budget is reserved up front, then the first
     * part is read into a buffer that grows only as far as the body goes. A body that ends within
     * it is one PutObject; otherwise the full buffer becomes the first part of a multipart upload.
     */
    private ObjectInfo putUnknownLength(String bucket, String key, VerifyingInputStream in, PutOptions options) throws IOException {
        int partSize = (int) settings.partSize();
        buffers.reserve(partSize, NO_FAILURE);
        PartBuffers.Chunk first;
        try {
            first = PartBuffers.fillGrowing(in, partSize);
        } catch (IOException | RuntimeException e) {
            buffers.unreserve(partSize);
            throw e;
        }
        if (first.endOfStream()) {
            try {
                return putSingle(bucket, key, in, first.buffer(), first.length(), options);
            } finally {
                buffers.unreserve(partSize);
            }
        }
        // the full buffer has the part size: the reservation is now that buffer, given back by the part's upload
        return putMultipart(bucket, key, in, first, partSize, options);
    }

    /**
     * @return the part size for a known length: the configured size, or more when the host's part
     *         count would otherwise run out (rounded up to a MiB)
     */
    int partSizeFor(long length) {
        long needed = (length + settings.maxParts() - 1) / settings.maxParts();
        long size = Math.max(settings.partSize(), (needed + MIB - 1) / MIB * MIB);
        if (size > settings.maxPartSize() || size > Integer.MAX_VALUE - 8) {
            throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "an object of " + length + " bytes needs parts of " + size
                    + " bytes, more than this host's (or Java's) largest part");
        }
        return (int) size;
    }

    private ObjectInfo putSingle(String bucket, String key, VerifyingInputStream in, byte[] body, int n, PutOptions options) throws IOException {
        in.finish();
        Map<ChecksumAlgorithm, Checksum> checksums = in.checksums();
        Multimap<String, String> headers = objectHeaders(options, checksums);
        conditionsAsHeaders(bucket, key, options.conditions(), headers);
        // the hashes we already have sign the payload and go as Content-MD5: the host checks both, minio hashes nothing again
        headers.put("x-amz-content-sha256", in.sha256Hex());
        headers.put("Content-MD5", Hex.hexToBase64(in.md5Hex()));
        try {
            ObjectWriteResponse r = direct != null ? direct.put(bucket, key, body, n, headers, in.sha256Hex())
                    : S3Client.await(() -> client.putBody(bucket, key, RequestBody.create(body, null, 0, n), headers));
            return stored(key, n, r, options, checksums);
        } catch (RuntimeException e) {
            throw commitFailure(e, options.conditions(), bucket, key);
        }
    }

    private ObjectInfo putMultipart(String bucket, String key, VerifyingInputStream in, PartBuffers.Chunk first, int partSize,
                                    PutOptions options) throws IOException {
        Conditions conditions = options.conditions();
        Map<ChecksumAlgorithm, Checksum> upFront = knownUpFront(options);
        String uploadId;
        try {
            if (!conditions.isEmpty()) {
                // fail fast, before sending gigabytes; checked again (or by the host) at the commit
                conditions.checkWrite(current.headOrNull(bucket, key));
            }
            uploadId = S3Client.await(() -> client.createMultipartUploadAsync(bucket, null, key, objectHeaders(options, upFront), null))
                    .result().uploadId();
        } catch (RuntimeException e) {
            if (first != null) {
                buffers.release(first.buffer());
            }
            throw e;
        }
        try {
            List<Part> parts = sendParts(bucket, key, uploadId, in, first, partSize);
            in.finish();
            Map<ChecksumAlgorithm, Checksum> checksums = in.checksums();
            Multimap<String, String> completeHeaders = ArrayListMultimap.create();
            conditionsAsHeaders(bucket, key, conditions, completeHeaders);
            ObjectWriteResponse done;
            try {
                String id = uploadId;
                done = S3Client.await(() -> client.completeMultipartUploadAsync(bucket, null, key, id, parts.toArray(new Part[0]),
                        completeHeaders, null));
            } catch (RuntimeException e) {
                throw commitFailure(e, conditions, bucket, key);
            }
            uploadId = null;
            return afterCommit(bucket, key, in.count(), done, options, checksums, !upFront.isEmpty());
        } catch (IOException | RuntimeException e) {
            if (uploadId != null) {
                abort(bucket, key, uploadId, e);
            }
            throw e;
        }
    }

    private List<Part> sendParts(String bucket, String key, String uploadId, VerifyingInputStream in, PartBuffers.Chunk first,
                                 int partSize) throws IOException {
        PartBuffers pool = new PartBuffers(buffers, partSize, settings.uploadConcurrency() + 1);
        if (first != null) {
            pool.adopt();
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<Part>> futures = new ArrayList<>();
        int partNumber = 1;
        try {
            if (first != null) {
                futures.add(sendPart(bucket, key, uploadId, first.buffer(), first.length(), partNumber++, pool, failure));
            }
            while (failure.get() == null) {
                byte[] buf = pool.acquire(failure::get);
                int n;
                try {
                    n = PartBuffers.fill(in, buf, partSize);
                    if (n > 0 && partNumber > settings.maxParts()) {
                        throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "the body needs more than the host's " + settings.maxParts()
                                + " parts of " + partSize + " bytes; declare its length or raise part-size");
                    }
                } catch (IOException | RuntimeException e) {
                    pool.release(buf);
                    throw e;
                }
                if (n == 0) {
                    pool.release(buf);
                    break;
                }
                futures.add(sendPart(bucket, key, uploadId, buf, n, partNumber++, pool, failure));
                if (n < partSize) {
                    break;
                }
            }
        } finally {
            // never leave a part in flight behind: wait for every started one, failed or not (then the buffers go back)
            CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).exceptionally(t -> null).join();
            pool.close();
        }
        if (failure.get() != null) {
            throw errors.map(failure.get(), bucket, key);
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Part> sendPart(String bucket, String key, String uploadId, byte[] buf, int n, int partNumber,
                                             PartBuffers pool, AtomicReference<Throwable> failure) {
        CompletableFuture<Part> f;
        try {
            f = client.uploadPartAsync(bucket, null, key, buf, n, uploadId, partNumber, null, null)
                    .thenApply(r -> new Part(partNumber, r.etag()));
        } catch (Exception e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.whenComplete((part, t) -> {
            pool.release(buf);
            if (t != null) {
                failure.compareAndSet(null, t);
            }
        });
    }

    /** @return the info of an object stored with its checksums */
    private static ObjectInfo stored(String key, long size, ObjectWriteResponse written, PutOptions options,
                                     Map<ChecksumAlgorithm, Checksum> checksums) {
        return new ObjectInfo(key, size, written.etag(), options.contentType(), responseTime(written), options.userMetadata(), checksums);
    }

    /**
     * After a streamed or multipart upload committed: its checksums were stored with its first request,
     * or they are recorded now by the self-copy.
     *
     * @param storedUpFront whether the upload carried the checksums ({@link #knownUpFront})
     */
    ObjectInfo afterCommit(String bucket, String key, long size, ObjectWriteResponse written, PutOptions options,
                           Map<ChecksumAlgorithm, Checksum> checksums, boolean storedUpFront) {
        return storedUpFront ? stored(key, size, written, options, checksums) : recordChecksums(bucket, key, written.etag(), options, checksums);
    }

    /**
     * Records the checksums with a copy of the object onto itself that replaces its metadata, on
     * condition that the object is still the one just completed. minio-java turns a copy of more
     * than 5 GiB into a multipart copy (UploadPartCopy), so the host's single-copy limit is respected.
     */
    private ObjectInfo recordChecksums(String bucket, String key, String completedEtag, PutOptions options,
                                       Map<ChecksumAlgorithm, Checksum> checksums) {
        try {
            S3Client.await(() -> client.copyObject(CopyObjectArgs.builder().bucket(bucket).object(key)
                    .source(CopySource.builder().bucket(bucket).object(key).matchETag(completedEtag).build())
                    .metadataDirective(Directive.REPLACE)
                    .headers(Map.of("Content-Type", options.contentType()))
                    .userMetadata(AsciiHeaderMetadata.encode(options.userMetadata(), checksums, settings.maxMetadataWireBytes()))
                    .build()));
        } catch (RuntimeException e) {
            StorageException mapped = errors.map(e, bucket, key);
            if (mapped.kind() == ErrorKind.PRECONDITION_FAILED) {
                throw new StorageException(ErrorKind.CONFLICT, null, "another writer replaced the object before its checksums were recorded",
                        true, e);
            }
            throw new StorageException(mapped.kind(), null, "the object was stored but recording its checksums failed: "
                    + mapped.detail(), mapped.retryable(), e);
        }
        ObjectInfo stored = current.headOrNull(bucket, key);
        if (stored == null) {
            throw new StorageException(ErrorKind.CONFLICT, null, "the object was deleted right after it was stored", true, null);
        }
        return stored.withChecksums(checksums);
    }

    private void abort(String bucket, String key, String uploadId, Throwable cause) {
        try {
            S3Client.await(() -> client.abortMultipartUploadAsync(bucket, null, key, uploadId, null, null));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Conditions right before the commit: with native conditional writes If-Match and
     * If-None-Match * become headers the host checks atomically; anything else is checked against
     * the current object (a check-then-put with a small race window).
     *
     * @return true when nothing is left to check (no conditions, or all of them sent as headers);
     *         false when they were checked against the current object, which may still change
     */
    boolean conditionsAsHeaders(String bucket, String key, Conditions c, Multimap<String, String> headers) {
        if (c.isEmpty()) {
            return true;
        }
        boolean nativeOnly = settings.nativeConditionalWrites() && c.ifUnmodifiedSince() == null
                && (c.ifNoneMatch() == null || c.ifNoneMatch().trim().equals("*"));
        if (!nativeOnly) {
            c.checkWrite(current.headOrNull(bucket, key));
            return false;
        }
        if (c.ifNoneMatch() != null) {
            headers.put("If-None-Match", "*");
        }
        if (c.ifMatch() != null) {
            headers.put("If-Match", quoteList(c.ifMatch()));
        }
        return true;
    }

    /** @return the object's current info, or null when there is none */
    ObjectInfo currentOrNull(String bucket, String key) {
        return current.headOrNull(bucket, key);
    }

    /**
     * @return both of Passerelle's checksums when the caller gave both as expected values (the body
     *         is verified against them before the commit, so they can be stored with the upload's
     *         first request); otherwise none
     */
    static Map<ChecksumAlgorithm, Checksum> knownUpFront(PutOptions options) {
        if (options.expectedSha256() == null || options.expectedMd5() == null) {
            return Map.of();
        }
        return Map.of(ChecksumAlgorithm.SHA256, Checksum.passerelle(ChecksumAlgorithm.SHA256, options.expectedSha256()),
                ChecksumAlgorithm.MD5, Checksum.passerelle(ChecksumAlgorithm.MD5, options.expectedMd5()));
    }

    /** @return the failure of a put's commit, mapped by the backend's one error mapper */
    StorageException commitFailure(RuntimeException e, Conditions c, String bucket, String key) {
        return errors.mapCommit(e, c.ifMatch() != null, bucket, key);
    }

    Multimap<String, String> objectHeaders(PutOptions options, Map<ChecksumAlgorithm, Checksum> checksums) {
        Multimap<String, String> h = ArrayListMultimap.create();
        h.put("Content-Type", options.contentType());
        AsciiHeaderMetadata.encode(options.userMetadata(), checksums, settings.maxMetadataWireBytes())
                .forEach((name, value) -> h.put("x-amz-meta-" + name, value));
        return h;
    }

    private static String quoteList(String header) {
        String h = header.trim();
        if (h.equals("*")) {
            return h;
        }
        List<String> out = new ArrayList<>();
        for (String part : h.split(",")) {
            String p = ObjectInfo.normalizeEtag(part.trim());
            if (!p.isEmpty()) {
                out.add("\"" + p + "\"");
            }
        }
        return String.join(", ", out);
    }

    private static Instant responseTime(ObjectWriteResponse r) {
        String date = r.headers().get("Last-Modified");
        if (date == null) {
            date = r.headers().get("Date");
        }
        try {
            return date == null ? Instant.now() : ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }
}
