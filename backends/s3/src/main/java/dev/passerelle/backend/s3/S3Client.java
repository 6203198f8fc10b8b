package dev.passerelle.backend.s3;

import com.google.common.collect.Multimap;
import io.minio.ListObjectsV2Response;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * minio-java's asynchronous client, opened up for the two calls its public API hides: one page of
 * ListObjectsV2 with the host's continuation token, and a PutObject from a byte array slice (so a
 * buffered single-part upload is sent without another copy).
 */
final class S3Client extends MinioAsyncClient {

    /** One asynchronous minio call, which may throw checked exceptions before it starts. */
    interface Call<T> {
        CompletableFuture<T> start() throws Exception;
    }

    S3Client(MinioAsyncClient configured) {
        super(configured);
    }

    /**
     * Starts a call and waits for its result.
     *
     * @return the result
     * @throws CompletionException wrapping whatever failed (the error mapper unwraps it)
     */
    static <T> T await(Call<T> call) {
        try {
            return call.start().join();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /**
     * Fetches one ListObjectsV2 page.
     *
     * @return the page as the host sent it
     */
    CompletableFuture<ListObjectsV2Response> listPage(String bucket, String prefix, String delimiter, String startAfter,
                                                      int maxKeys, String continuationToken) throws Exception {
        return listObjectsV2Async(bucket, null, delimiter, null, startAfter, maxKeys, prefix.isEmpty() ? null : prefix,
                continuationToken, false, false, null, null);
    }

    /**
     * Sends one PutObject whose body is {@code data[0..length)}; minio adds Content-MD5 (and the
     * payload's SHA-256 on plain HTTP), so the host verifies the bytes it receives.
     *
     * @param headers Content-Type, x-amz-meta-* and conditional headers
     */
    CompletableFuture<ObjectWriteResponse> putBytes(String bucket, String key, byte[] data, int length,
                                                    Multimap<String, String> headers) throws Exception {
        return putObjectAsync(bucket, null, key, data, length, headers, null);
    }
}
