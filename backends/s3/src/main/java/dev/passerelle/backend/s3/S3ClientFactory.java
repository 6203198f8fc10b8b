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
     *         parts, and no retry of its own (OkHttp's {@code retryOnConnectionFailure} is on by default):
     *         a call is retried by core's call layer and only there (docs/retries.md)
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
                .retryOnConnectionFailure(false)
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
