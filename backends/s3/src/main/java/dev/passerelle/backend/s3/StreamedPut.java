package dev.passerelle.backend.s3;

import com.google.common.collect.Multimap;
import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.io.Hex;
import dev.passerelle.api.io.VerifyingInputStream;
import io.minio.ObjectWriteResponse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A known-length body larger than one part but within {@code single-put-max}, sent as ONE PutObject
 * while it is read: no part buffers (a few 256 KiB chunks per upload), one request, no multipart
 * state left on the host if the process dies. The commit point is the body's last byte: it is held
 * back until the whole body has been read and verified (length, expected checksums, conditions), and
 * on any failure the request is cut before it, so the host never stores a partial or wrong object.
 *
 * <p>The payload is signed as {@code UNSIGNED-PAYLOAD} (its hash is only known at the end), or with
 * the caller's expected SHA-256 when given, which the host then checks too; an expected MD5 goes as
 * Content-MD5. When the caller gives both, Passerelle's checksums travel as metadata of this very
 * request; otherwise they are recorded after it like a multipart upload's (ADR 0005).
 */
final class StreamedPut {
    static final int CHUNKS = 4;
    static final int CHUNK_SIZE = 256 * 1024;

    private final S3Client client;
    private final S3Uploader uploader;

    StreamedPut(S3Client client, S3Uploader uploader) {
        this.client = client;
        this.uploader = uploader;
    }

    ObjectInfo put(String bucket, String key, VerifyingInputStream in, long length, PutOptions options) throws IOException {
        Conditions conditions = options.conditions();
        Map<ChecksumAlgorithm, Checksum> upFront = S3Uploader.knownUpFront(options);
        Multimap<String, String> headers = uploader.objectHeaders(options, upFront);
        // native conditions travel as headers (checked by the host at the commit); others fail fast here
        // and are checked again right before the last byte
        boolean checkAgain = !uploader.conditionsAsHeaders(bucket, key, conditions, headers);
        // a host-checked body is not signed with its SHA-256: the host would hash every byte a second time
        // (S3Proxy: 4 x 128 MiB cost 4.4 s of its CPU instead of 1.5-2.5 s); Content-MD5 is its check
        boolean signSha = options.expectedSha256() != null && !in.isHostChecked();
        headers.put("x-amz-content-sha256", signSha ? options.expectedSha256() : "UNSIGNED-PAYLOAD");
        if (options.expectedMd5() != null) {
            headers.put("Content-MD5", Hex.hexToBase64(options.expectedMd5()));
        }
        BodyPipe body = new BodyPipe(length, CHUNKS, CHUNK_SIZE);
        CompletableFuture<ObjectWriteResponse> call = S3Client.start(() -> client.putBody(bucket, key, body, headers));
        boolean released = false;
        try {
            byte[] held = null;
            int heldLength = 0;
            boolean more = true;
            while (more) {
                byte[] chunk = body.takeChunk(call::isDone);
                if (chunk == null) {
                    break; // the request already ended (the host answered early): its outcome says why
                }
                int n = PartBuffers.fill(in, chunk, chunk.length);
                more = n == chunk.length;
                if (n > 0) {
                    if (held != null) {
                        body.send(held, heldLength);
                    }
                    held = chunk;
                    heldLength = n;
                }
            }
            if (!call.isDone()) {
                in.finish();
                if (checkAgain) {
                    conditions.checkWrite(uploader.currentOrNull(bucket, key));
                }
                if (held != null) {
                    body.send(held, heldLength);
                }
                body.end();
                released = true;
            }
        } finally {
            if (!released) {
                body.fail("the body failed verification or could not be read");
                call.exceptionally(t -> null).join();
            }
        }
        ObjectWriteResponse written;
        try {
            written = call.join();
        } catch (RuntimeException e) {
            throw uploader.commitFailure(e, conditions, bucket, key);
        }
        return uploader.afterCommit(bucket, key, length, written, options, in.checksums(), !upFront.isEmpty());
    }
}
