package dev.passerelle.gateway.ops;

import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.auth.TokenStore;
import dev.passerelle.gateway.config.GatewaySettings;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Builds everything at start-up, so a bad setting stops the gateway at once with one line naming
 * its key, and registers the readiness check of the backends ({@link BackendReadiness}).
 */
@Singleton
public class GatewayStartup {
    private static final Logger LOG = Logger.getLogger(GatewayStartup.class);

    void start(@Observes StartupEvent event, Passerelle passerelle, TokenStore tokens, GatewaySettings settings,
               BackendReadiness backendReadiness, @Readiness HealthRegistry readiness) {
        readiness.register("backends", backendReadiness.check());
        LOG.infof("Passerelle gateway: %d backend(s), default '%s', readiness requires %s backend(s) up, state in %s, max object size %d bytes",
                passerelle.backends().size(), passerelle.defaultBackend().orElseThrow(), backendReadiness.policy(),
                passerelle.stateDir().toAbsolutePath(), settings.maxObjectSize());
    }
}
