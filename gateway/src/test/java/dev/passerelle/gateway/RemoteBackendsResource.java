package dev.passerelle.gateway;

import dev.passerelle.testservers.AzuriteServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The gateway with a second backend on a real Azurite process (started here; a server that does not
 * come up fails the tests), and bucket {@code cloud} routed to it. The default backend stays the
 * temporary filesystem of {@link GatewayTestResource}.
 */
public class RemoteBackendsResource implements QuarkusTestResourceLifecycleManager {
    /** The bucket routed to Azurite. */
    public static final String AZURE_BUCKET = "cloud";
    private static AzuriteServer azurite;

    /** @return the running Azurite */
    public static AzuriteServer azurite() {
        return azurite;
    }

    @Override
    public Map<String, String> start() {
        azurite = AzuriteServer.inMemory();
        azurite.start();
        Map<String, String> c = new HashMap<>();
        c.put("passerelle.backends.azure.type", "azure");
        c.put("passerelle.backends.azure.connection-string", azurite.connectionString());
        c.put("passerelle.backends.azure.jurisdiction", "US");
        c.put("passerelle.buckets." + AZURE_BUCKET + ".backend", "azure");
        return c;
    }

    @Override
    public void stop() {
        if (azurite != null) {
            azurite.stop();
        }
    }
}
