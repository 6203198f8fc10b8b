package dev.passerelle.backend.s3;

import io.minio.MinioAsyncClient;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

import java.time.Duration;
import java.util.List;

/** Builds the HTTP and S3 clients of one backend from its resolved settings. */
final class S3ClientFactory {
    private S3ClientFactory() {
    }

    /**
     * @return a new okhttp client: HTTP/1.1, the backend's timeout, enough connections for parallel
     *         parts. No retry of an answer: a call is retried by core's call layer and only there
     *         (docs/retries.md). OkHttp's {@code retryOnConnectionFailure} stays on for what it covers with
     *         one address: a pooled keep-alive connection the host had already closed (no answer came,
     *         a new connection is taken), as the JDK client of the direct transports does. Off, the
     *         first request after a host's idle timeout (Node servers: 5 s) failed ("unexpected end of
     *         stream") and spent one of the call layer's attempts; a request whose body was already
     *         sent, a read timeout or a refused connection is not re-sent.
     */
    static OkHttpClient httpClient(S3Settings settings) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(128);
        dispatcher.setMaxRequestsPerHost(64);
        Duration t = settings.timeout();
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .socketFactory(new NoDelaySocketFactory())
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(t.compareTo(Duration.ofSeconds(15)) < 0 ? t : Duration.ofSeconds(15))
                .readTimeout(t)
                .writeTimeout(t)
                .retryOnConnectionFailure(true)
                .build();
    }

    /**
     * @param http the okhttp client (closed by the caller)
     * @return the S3 client, addressing buckets path style or virtual-host style as the settings say
     */
    static S3Client s3Client(S3Settings settings, OkHttpClient http) {
        MinioAsyncClient base = MinioAsyncClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http)
                .build();
        S3Client client = new S3Client(base);
        if (settings.pathStyle()) {
            client.disableVirtualStyleEndpoint();
        } else {
            client.enableVirtualStyleEndpoint();
        }
        return client;
    }
}
