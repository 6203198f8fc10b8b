package dev.passerelle.gateway.ops;

import dev.passerelle.core.BackendInfo;
import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.auth.TokenStore;
import dev.passerelle.gateway.config.GatewaySettings;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Builds everything at start-up, so a bad setting stops the gateway at once with one line naming
 * its key, and registers one readiness check per backend.
 */
@Singleton
public class GatewayStartup {
    private static final Logger LOG = Logger.getLogger(GatewayStartup.class);

    void start(@Observes StartupEvent event, Passerelle passerelle, TokenStore tokens, GatewaySettings settings,
               @Readiness HealthRegistry readiness) {
        for (BackendInfo backend : passerelle.backends()) {
            // a backend check is a blocking network call: run it on a worker, never on the event loop
            AsyncHealthCheck check = () -> Uni.createFrom().item(() -> {
                BackendService.Health h = BackendService.check(backend);
                return HealthCheckResponse.named("backend " + backend.name()).status("up".equals(h.status()))
                        .withData("type", backend.type()).withData("code", h.code() == null ? "" : h.code()).build();
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            readiness.register("backend-" + backend.name(), check);
        }
        LOG.infof("Passerelle gateway: %d backend(s), default '%s', state in %s, max object size %d bytes",
                passerelle.backends().size(), passerelle.defaultBackend().orElseThrow(), passerelle.stateDir().toAbsolutePath(), settings.maxObjectSize());
    }
}
