package dev.passerelle.api.spi.support.upload;

import dev.passerelle.api.io.VerifyingInputStream;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a backend implements so that {@link UploadEngine} can upload one object to its host: a
 * handful of small calls, each one request (or none). Buffering, part sizing, parallelism, hashing,
 * abort on failure and the commit point live in the engine. Each method is called by the uploading
 * thread, except that {@link #uploadPart} may run in parallel with the next part being read.
 *
 * @param <P> what the host gives back for one part (an S3 part's ETag, an Azure block id)
 * @param <R> the answer of the commit ({@link #putWhole} or {@link #complete})
 */
public interface UploadTarget<P, R> {
    /**
     * The commit point of a body that fitted in its first buffers: ONE request that stores it.
     *
     * @param body the whole body, in order (one chunk when the plan keeps one part before deciding)
     * @param verified the finished body stream: its length and checksums are known and verified
     * @return the commit's answer
     */
    R putWhole(List<Chunk> body, VerifyingInputStream verified);

    /**
     * Starts a multipart upload (S3's CreateMultipartUpload; for Azure a fresh id, no request).
     *
     * @return the upload's id
     */
    String initiate();

    /**
     * Sends one part. The returned future completes when the part is stored (its buffer is then
     * reused); a failure fails the whole upload, which is then aborted.
     *
     * @param uploadId the id from {@link #initiate}
     * @param partNumber the part's number, from 1, in body order
     * @param part the part's bytes
     * @return the host's record of the part
     */
    CompletableFuture<P> uploadPart(String uploadId, int partNumber, Chunk part);

    /**
     * The commit point of a multipart upload, called once every part is stored and the body verified.
     *
     * @param uploadId the id from {@link #initiate}
     * @param parts every part's record, in part-number order
     * @param verified the finished body stream
     * @return the commit's answer
     */
    R complete(String uploadId, List<P> parts, VerifyingInputStream verified);

    /**
     * Drops what a failed multipart upload left on the host. Called after every part in flight
     * ended, and never after {@link #complete} returned. Its own failure is added to the upload's as suppressed.
     *
     * @param uploadId the id from {@link #initiate}
     */
    void abort(String uploadId);
}
