package dev.passerelle.backend.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import dev.passerelle.api.spi.BackendSettings;

import java.time.Duration;
import java.util.ServiceLoader;

/**
 * Where the Azure backend gets its HTTP client: first a factory set with {@link #use}, then the
 * first {@link AzureHttpClientFactory} found by {@link ServiceLoader} that returns a client, then
 * the JDK HttpClient (HTTP/1.1). Nothing here opens a connection.
 */
public final class AzureHttpClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static volatile AzureHttpClientFactory override;

    private AzureHttpClients() {
    }

    /**
     * Makes every Azure backend built from now on use clients from this factory (e.g. a Vert.x-backed
     * client on the application's Vert.x instance). Backends already built keep their client.
     *
     * @param factory the factory, or null to go back to ServiceLoader / the JDK default
     */
    public static void use(AzureHttpClientFactory factory) {
        override = factory;
    }

    /**
     * The HTTP client chosen for a backend.
     *
     * @param client the client
     * @param honoursBackPressure whether it stops reading a response body while nothing is requested
     *                            (true for the JDK default; as declared by the factory otherwise)
     */
    record Chosen(HttpClient client, boolean honoursBackPressure) {
    }

    /**
     * @param settings the backend's settings
     * @return the HTTP client the backend should use; never null
     */
    static Chosen create(BackendSettings settings) {
        AzureHttpClientFactory f = override;
        if (f != null) {
            HttpClient c = f.create(settings);
            if (c != null) {
                return new Chosen(c, f.honoursBackPressure());
            }
        }
        for (AzureHttpClientFactory candidate : ServiceLoader.load(AzureHttpClientFactory.class, AzureHttpClients.class.getClassLoader())) {
            HttpClient c = candidate.create(settings);
            if (c != null) {
                return new Chosen(c, candidate.honoursBackPressure());
            }
        }
        // java.net.http delivers a body publisher's buffers only on demand (HttpResponse.BodyHandlers.ofPublisher)
        return new Chosen(jdkDefault(settings.timeout()), true);
    }

    /**
     * @param timeout the backend's call timeout, used as the read timeout
     * @return a client on the JDK HttpClient, HTTP/1.1 (Azure Blob does not speak HTTP/2)
     */
    public static HttpClient jdkDefault(Duration timeout) {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1))
                .connectionTimeout(CONNECT_TIMEOUT)
                .readTimeout(timeout)
                .build();
    }
}
