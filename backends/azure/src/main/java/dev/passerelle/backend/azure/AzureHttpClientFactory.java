package dev.passerelle.backend.azure;

import com.azure.core.http.HttpClient;
import dev.passerelle.api.spi.BackendSettings;

/**
 * Supplies the Azure SDK {@link HttpClient} the Azure backend builds its clients on. By default the
 * backend uses the JDK {@code java.net.http.HttpClient} (module {@code azure-core-http-jdk-httpclient}),
 * which works anywhere. An embedding application replaces it either with
 * {@link AzureHttpClients#use(AzureHttpClientFactory)} or by listing an implementation in
 * {@code META-INF/services/dev.passerelle.backend.azure.AzureHttpClientFactory}; the Quarkus gateway,
 * for instance, returns {@code new VertxHttpClientBuilder().vertx(quarkusVertx).build()} so Azure
 * traffic runs on Quarkus' own Vert.x instance (without the instance, azure-core-http-vertx fails
 * with "You're already on a Vert.x context").
 */
@FunctionalInterface
public interface AzureHttpClientFactory {

    /**
     * @param settings the settings of the backend being built (its name, its {@code timeout})
     * @return the HTTP client for that backend, or null to let the next source decide (ServiceLoader, then the JDK default)
     */
    HttpClient create(BackendSettings settings);

    /**
     * Whether the clients of this factory honour reactive back-pressure on response bodies (stop
     * reading the socket while the reader requests nothing). Only then does {@code read-mode=auto}
     * stream a whole blob as one GET; otherwise reads go in {@code read-block-size} requests, because
     * a client that pushes regardless (azure-core-http-vertx 1.1.4 does) would buffer a slow
     * reader's whole blob in memory.
     *
     * @return false unless the implementation knows its clients honour demand
     */
    default boolean honoursBackPressure() {
        return false;
    }
}
