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
import dev.passerelle.api.io.VerifyingInputStream;
import dev.passerelle.api.spi.support.AsciiHeaderMetadata;
import dev.passerelle.api.spi.support.upload.PartSizing;
import dev.passerelle.api.spi.support.upload.UploadBufferPool;
import dev.passerelle.api.spi.support.upload.UploadEngine;
import dev.passerelle.api.spi.support.upload.UploadPlan;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.Directive;
import io.minio.ObjectWriteResponse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Uploads one object with bounded memory, through the shared upload engine ({@link UploadEngine};
 * the S3 requests are {@link S3Put}'s). A body that fits in one part is buffered (at most one part),
 * hashed, and sent in ONE PutObject carrying Passerelle's SHA-256 and MD5 as metadata (and as the
 * payload hash and Content-MD5 the host checks). A known-length body up to {@code single-put-max} is
 * streamed as one PutObject ({@link UploadEngine#stream}). Anything larger, or of unknown length,
 * goes as a multipart upload whose parts are sent in parallel from the store's buffer budget; length
 * and expected checksums are verified before CompleteMultipartUpload and any failure aborts the
 * upload. Unless the caller gave both checksums up front, a streamed or multipart object gets them
 * afterwards by a metadata-replacing copy of the object onto itself (ADR 0005). See docs/uploads.md.
 */
final class S3Uploader {
    /** Reads an object's current info, or null when there is none. */
    interface CurrentObject {
        ObjectInfo headOrNull(String bucket, String key);
    }

    private final S3Client client;
    private final S3Settings settings;
    private final S3ErrorMapper errors;
    private final CurrentObject current;
    private final UploadBufferPool buffers;

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
        S3Put put = new S3Put(this, client, direct, bucket, key, length, options);
        try {
            if (streamedPut) {
                return afterCommit(bucket, key, length, UploadEngine.stream(in, put), options, in.checksums(), !knownUpFront(options).isEmpty());
            }
            int partSize = length > settings.partSize() ? partSizeFor(length) : (int) settings.partSize();
            // one part is buffered before deciding; upload-concurrency parts in flight plus the one being read
            UploadPlan plan = new UploadPlan(partSize, 1, settings.uploadConcurrency() + 1, settings.maxParts(), buffers);
            ObjectWriteResponse written = UploadEngine.upload(in, length, plan, put);
            // a whole put carried its checksums; a multipart upload carried them only when they were known up front
            return put.wasWhole() ? stored(key, in.count(), written, options, in.checksums())
                    : afterCommit(bucket, key, in.count(), written, options, in.checksums(), !knownUpFront(options).isEmpty());
        } catch (IOException e) {
            throw errors.map(StorageException.invalid("read_failed", "reading the upload failed: " + e.getMessage()), bucket, key);
        } catch (RuntimeException e) {
            throw errors.map(e, bucket, key);
        }
    }

    /**
     * @return the part size for a known length: the configured size, or more when the host's part
     *         count would otherwise run out (rounded up to a MiB)
     */
    int partSizeFor(long length) {
        return PartSizing.bufferSize(PartSizing.partSize(length, settings.partSize(), settings.maxParts(), settings.maxPartSize()));
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
