package dev.passerelle.gateway.config;

import dev.passerelle.api.config.ConfigValues;
import dev.passerelle.core.ConfigProperties;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.util.SortedMap;

/**
 * The gateway's one way to read its settings: typed reads of the keys {@link GatewayKeys} declares
 * (the unknown-key check of every {@code passerelle.*} key runs when {@link PasserelleProducer}
 * builds the registry, at start-up).
 */
public class GatewayConfig {

    /**
     * @param config the application's configuration
     * @return typed reads of declared keys
     */
    @Produces
    @Singleton
    ConfigValues values(Config config) {
        return ConfigProperties.values(config);
    }

    /** @return the {@code passerelle.auth.tokens.*} entries, from properties and environment variables */
    public static SortedMap<String, String> tokens(Config config) {
        return ConfigProperties.map(config, "passerelle.auth.tokens.", GatewayKeys.TOKEN_ENTRY_KEYS);
    }
}
