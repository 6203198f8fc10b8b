package dev.passerelle.backend.s3;

import com.google.common.collect.Multimap;
import io.minio.ListObjectsV2Response;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.credentials.Credentials;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InternalException;
import io.minio.http.Method;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * minio-java's asynchronous client, opened up for the calls its public API hides: one page of
 * ListObjectsV2 with the host's continuation token, and a PutObject whose body and payload hash we
 * give (a buffered body we already hashed, or a body streamed as it is read).
 */
final class S3Client extends MinioAsyncClient {
    /** The body {@link #putBody} hands to {@link #createRequest} on the same thread. */
    private static final ThreadLocal<RequestBody> NEXT_BODY = new ThreadLocal<>();

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
     * Starts a call without waiting.
     *
     * @return the call's future, failed (not thrown) when the call could not start
     */
    static <T> CompletableFuture<T> start(Call<T> call) {
        try {
            return call.start();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
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
     * Sends one PutObject with a body we provide, signed with the payload hash we give: the
     * {@code x-amz-content-sha256} value in {@code headers} (the body's SHA-256 hex, or
     * {@code UNSIGNED-PAYLOAD}) and the optional {@code Content-MD5} (which the host checks), so a
     * body is never hashed twice and a streamed body needs no hash before it is sent. A one-shot body
     * is never replayed on a connection failure.
     *
     * @param headers Content-Type, x-amz-content-sha256, optional Content-MD5, x-amz-meta-* and conditional headers
     */
    CompletableFuture<ObjectWriteResponse> putBody(String bucket, String key, RequestBody body, Multimap<String, String> headers)
            throws Exception {
        return getRegionAsync(bucket, null).thenCompose(region -> {
            NEXT_BODY.set(body);
            try {
                // minio builds, hashes (an empty body: nothing) and signs the request; createRequest below swaps the body in
                return executeAsync(Method.PUT, bucket, key, region, httpHeaders(headers), com.google.common.collect.ArrayListMultimap.create(), null, 0)
                        .thenApply(response -> written(response, bucket, region, key));
            } catch (Exception e) {
                throw new CompletionException(e);
            } finally {
                NEXT_BODY.remove();
            }
        });
    }

    /**
     * minio builds every request here, then signs it with its {@code x-amz-content-sha256} header.
     * For {@link #putBody} (called on this same thread, just before) the request it built for an
     * empty body gets our body and our payload hashes, so the signature covers them.
     */
    @Override
    protected Request createRequest(HttpUrl url, Method method, Headers headers, Object body, int length, Credentials credentials)
            throws InsufficientDataException, InternalException, IOException, NoSuchAlgorithmException {
        Request request = super.createRequest(url, method, headers, body, length, credentials);
        RequestBody own = NEXT_BODY.get();
        if (own == null) {
            return request;
        }
        NEXT_BODY.remove();
        Request.Builder b = request.newBuilder().method(method.toString(), own)
                .header("x-amz-content-sha256", headers.get("x-amz-content-sha256"));
        String md5 = headers.get("Content-MD5");
        if (md5 == null) {
            b.removeHeader("Content-MD5");
        } else {
            b.header("Content-MD5", md5);
        }
        return b.build();
    }

    private static ObjectWriteResponse written(Response response, String bucket, String region, String key) {
        try (response) {
            String etag = response.header("ETag");
            return new ObjectWriteResponse(response.headers(), bucket, region, key, etag == null ? null : etag.replace("\"", ""),
                    response.header("x-amz-version-id"));
        }
    }
}
