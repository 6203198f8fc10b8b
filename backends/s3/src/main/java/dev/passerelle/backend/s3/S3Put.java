package dev.passerelle.backend.s3;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.Multimap;
import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.io.Hex;
import dev.passerelle.api.io.VerifyingInputStream;
import dev.passerelle.api.spi.support.upload.Chunk;
import dev.passerelle.api.spi.support.upload.ChunkPipe;
import dev.passerelle.api.spi.support.upload.StreamTarget;
import dev.passerelle.api.spi.support.upload.UploadTarget;
import io.minio.ObjectWriteResponse;
import io.minio.messages.Part;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * ONE S3 upload's requests, driven by the shared upload engine: PutObject of a buffered body
 * (through {@link DirectS3Http} when it is on), the multipart calls, and a PutObject streamed while it
 * is read. Answers are the host's; what follows the commit (recording the checksums) is
 * {@link S3Uploader}'s.
 */
final class S3Put implements UploadTarget<Part, ObjectWriteResponse>, StreamTarget<ObjectWriteResponse, ObjectWriteResponse> {
    private final S3Uploader uploader;
    private final S3Client client;
    private final DirectS3Http direct;
    private final String bucket;
    private final String key;
    private final PutOptions options;
    private final long length;
    /** whether conditions the host does not check must be checked again before a streamed body's last byte */
    private boolean checkAgain;
    /** whether the commit was ONE PutObject of a buffered body (which carries the checksums) */
    private boolean whole;

    S3Put(S3Uploader uploader, S3Client client, DirectS3Http direct, String bucket, String key, long length, PutOptions options) {
        this.uploader = uploader;
        this.client = client;
        this.direct = direct;
        this.bucket = bucket;
        this.key = key;
        this.length = length;
        this.options = options;
    }

    /** One PutObject of the buffered body, carrying Passerelle's SHA-256 and MD5 as metadata and as the hashes the host checks. */
    @Override
    public ObjectWriteResponse putWhole(List<Chunk> body, VerifyingInputStream in) {
        whole = true;
        Chunk one = body.get(0); // the plan buffers one part before deciding
        Map<ChecksumAlgorithm, Checksum> checksums = in.checksums();
        Multimap<String, String> headers = uploader.objectHeaders(options, checksums);
        uploader.conditionsAsHeaders(bucket, key, options.conditions(), headers);
        // the hashes we already have sign the payload and go as Content-MD5: the host checks both, minio hashes nothing again
        headers.put("x-amz-content-sha256", in.sha256Hex());
        headers.put("Content-MD5", Hex.hexToBase64(in.md5Hex()));
        try {
            return direct != null ? direct.put(bucket, key, one.data(), one.length(), headers, in.sha256Hex())
                    : S3Client.await(() -> client.putBody(bucket, key, RequestBody.create(one.data(), null, 0, one.length()), headers));
        } catch (RuntimeException e) {
            throw uploader.commitFailure(e, options.conditions(), bucket, key);
        }
    }

    /** @return whether the upload was committed by {@link #putWhole} */
    boolean wasWhole() {
        return whole;
    }

    @Override
    public String initiate() {
        Conditions conditions = options.conditions();
        if (!conditions.isEmpty()) {
            // fail fast, before sending gigabytes; checked again (or by the host) at the commit
            conditions.checkWrite(uploader.currentOrNull(bucket, key));
        }
        Multimap<String, String> headers = uploader.objectHeaders(options, S3Uploader.knownUpFront(options));
        return S3Client.await(() -> client.createMultipartUploadAsync(bucket, null, key, headers, null)).result().uploadId();
    }

    @Override
    public CompletableFuture<Part> uploadPart(String uploadId, int partNumber, Chunk part) {
        return S3Client.start(() -> client.uploadPartAsync(bucket, null, key, part.data(), part.length(), uploadId, partNumber, null, null))
                .thenApply(r -> new Part(partNumber, r.etag()));
    }

    @Override
    public ObjectWriteResponse complete(String uploadId, List<Part> parts, VerifyingInputStream in) {
        Multimap<String, String> headers = ArrayListMultimap.create();
        uploader.conditionsAsHeaders(bucket, key, options.conditions(), headers);
        try {
            return S3Client.await(() -> client.completeMultipartUploadAsync(bucket, null, key, uploadId, parts.toArray(new Part[0]),
                    headers, null));
        } catch (RuntimeException e) {
            throw uploader.commitFailure(e, options.conditions(), bucket, key);
        }
    }

    @Override
    public void abort(String uploadId) {
        S3Client.await(() -> client.abortMultipartUploadAsync(bucket, null, key, uploadId, null, null));
    }

    /**
     * The streamed PutObject: signed as {@code UNSIGNED-PAYLOAD} (its hash is only known at the end),
     * or with the caller's expected SHA-256 when given, which the host then checks too; an expected MD5
     * goes as Content-MD5. Native conditions travel as headers (checked by the host at the commit);
     * others fail fast here and are checked again right before the last byte.
     */
    @Override
    public CompletableFuture<ObjectWriteResponse> start(ChunkPipe body) {
        Multimap<String, String> headers = uploader.objectHeaders(options, S3Uploader.knownUpFront(options));
        checkAgain = !uploader.conditionsAsHeaders(bucket, key, options.conditions(), headers);
        // a host-checked body is not signed with its SHA-256: the host would hash every byte a second time
        // (S3Proxy: 4 x 128 MiB cost 4.4 s of its CPU instead of 1.5-2.5 s); Content-MD5 is its check
        boolean signSha = options.expectedSha256() != null && !options.prehashed();
        headers.put("x-amz-content-sha256", signSha ? options.expectedSha256() : "UNSIGNED-PAYLOAD");
        if (options.expectedMd5() != null) {
            headers.put("Content-MD5", Hex.hexToBase64(options.expectedMd5()));
        }
        return S3Client.start(() -> client.putBody(bucket, key, new PipeBody(body, length), headers));
    }

    @Override
    public void beforeLastByte() {
        if (checkAgain) {
            options.conditions().checkWrite(uploader.currentOrNull(bucket, key));
        }
    }

    @Override
    public ObjectWriteResponse finish(CompletableFuture<ObjectWriteResponse> answer, VerifyingInputStream in) {
        try {
            return answer.join();
        } catch (RuntimeException e) {
            throw uploader.commitFailure(e, options.conditions(), bucket, key);
        }
    }

    /** okhttp's view of the engine's pipe: a one-shot body of exactly {@code length} bytes. */
    private static final class PipeBody extends RequestBody {
        private final ChunkPipe pipe;
        private final long length;

        PipeBody(ChunkPipe pipe, long length) {
            this.pipe = pipe;
            this.length = length;
        }

        @Override
        public MediaType contentType() {
            // the Content-Type header given with the request stays as it is (and is signed as given)
            return null;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws java.io.IOException {
            pipe.drainTo(sink::write);
        }
    }
}
