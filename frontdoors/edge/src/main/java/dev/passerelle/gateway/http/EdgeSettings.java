package dev.passerelle.gateway.http;

import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.ConfigException;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The limits the connection edge enforces before a request reaches a route, validated at start-up. */
@Singleton
public class EdgeSettings {
    /** Key of the header-read timeout. */
    public static final String HEADER_TIMEOUT = "passerelle.http.header-timeout";
    /** Key of the per-address connection limit. */
    public static final String MAX_CONNECTIONS_PER_CLIENT = "passerelle.http.max-connections-per-client";

    private final Duration headerTimeout;
    private final int maxConnectionsPerClient;

    /**
     * @param headerTimeout how long a request head (request line and headers) may take to arrive
     * @param maxConnectionsPerClient how many connections one client address may hold open at once
     */
    public EdgeSettings(@ConfigProperty(name = HEADER_TIMEOUT, defaultValue = "10s") String headerTimeout,
                        @ConfigProperty(name = MAX_CONNECTIONS_PER_CLIENT, defaultValue = "64") int maxConnectionsPerClient) {
        this.headerTimeout = BackendSettings.parseDuration(HEADER_TIMEOUT, headerTimeout);
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
