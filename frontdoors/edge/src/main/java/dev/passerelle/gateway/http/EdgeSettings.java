package dev.passerelle.gateway.http;

import dev.passerelle.api.config.ConfigValues;
import dev.passerelle.api.spi.ConfigException;
import jakarta.inject.Singleton;
import dev.passerelle.gateway.config.GatewayKeys;

import java.time.Duration;

/** The limits the connection edge enforces before a request reaches a route, validated at start-up. */
@Singleton
public class EdgeSettings {
    /** Key of the header-read timeout. */
    public static final String HEADER_TIMEOUT = GatewayKeys.HEADER_TIMEOUT.name();
    /** Key of the per-address connection limit. */
    public static final String MAX_CONNECTIONS_PER_CLIENT = GatewayKeys.MAX_CONNECTIONS_PER_CLIENT.name();

    private final Duration headerTimeout;
    private final int maxConnectionsPerClient;

    /** @param config {@link GatewayKeys#HEADER_TIMEOUT} and {@link GatewayKeys#MAX_CONNECTIONS_PER_CLIENT} */
    public EdgeSettings(ConfigValues config) {
        this.headerTimeout = config.get(GatewayKeys.HEADER_TIMEOUT);
        int maxConnectionsPerClient = config.get(GatewayKeys.MAX_CONNECTIONS_PER_CLIENT);
        if (this.headerTimeout.toMillis() < 100) {
            throw new ConfigException(HEADER_TIMEOUT, "must be at least 100ms");
        }
        if (maxConnectionsPerClient < 1) {
            throw new ConfigException(MAX_CONNECTIONS_PER_CLIENT, "must be at least 1");
        }
        this.maxConnectionsPerClient = maxConnectionsPerClient;
    }

    /** @return how long a request head may take to arrive, from the connection's start or the previous response's end */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** @return how many connections one client address may hold open at once */
    public int maxConnectionsPerClient() {
        return maxConnectionsPerClient;
    }
}
