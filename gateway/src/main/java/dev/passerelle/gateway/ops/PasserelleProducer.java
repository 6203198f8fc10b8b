package dev.passerelle.gateway.ops;

import com.azure.core.http.vertx.VertxHttpClientBuilder;
import dev.passerelle.backend.azure.AzureHttpClients;
import dev.passerelle.core.ConfigProperties;
import dev.passerelle.gateway.config.GatewayKeys;
import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.http.GatewayMetrics;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.util.List;

/** Produces the one {@link Passerelle} (backend registry and routing) of this gateway. */
public class PasserelleProducer {

    /**
     * Azure backends built by this gateway speak HTTP through Quarkus' own Vert.x instance
     * (azure-core-http-vertx) rather than a second HTTP stack; outside Quarkus (the CLI) they keep
     * the JDK client.
     *
     * @param config the application's configuration
     * @param vertx Quarkus' Vert.x instance
     * @param metrics where the bucket chains' metrics layer reports (Micrometer)
     * @return the registry; a bad or unknown setting fails here with one line naming the key
     */
    @Produces
    @Singleton
    Passerelle passerelle(Config config, Vertx vertx, GatewayMetrics metrics) {
        ConfigProperties.checkKnown(config, List.of(GatewayKeys.DECLARATION));
        AzureHttpClients.use(settings -> new VertxHttpClientBuilder()
                .vertx(vertx)
                .connectTimeout(java.time.Duration.ofSeconds(10))
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .responseTimeout(settings.timeout())
                .build());
        return Passerelle.create(config, metrics);
    }

    /** Closes the backends' clients at shutdown. */
    void close(@Disposes Passerelle passerelle) {
        passerelle.close();
    }
}
