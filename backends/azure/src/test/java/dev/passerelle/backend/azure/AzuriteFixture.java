package dev.passerelle.backend.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.passerelle.api.BlobStore;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.testservers.AzuriteServer;

import java.util.HashMap;
import java.util.Map;

/** A real Azurite for one test class, and stores built through the provider, as the registry would. */
final class AzuriteFixture implements AutoCloseable {
    private final AzuriteServer server;

    private AzuriteFixture(AzuriteServer server) {
        this.server = server;
    }

    /** Starts an in-memory Azurite; throws (failing the tests) when it does not come up. */
    static AzuriteFixture start() {
        AzuriteServer s = AzuriteServer.inMemory();
        s.start();
        return new AzuriteFixture(s);
    }

    AzuriteServer server() {
        return server;
    }

    /** @return a store over the connection string, with extra settings */
    BlobStore store(String name, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("type", "azure");
        m.put("connection-string", server.connectionString());
        m.putAll(extra);
        return new AzureBlobStoreProvider().create(new BackendSettings(name, m));
    }

    /** @return a store built from exactly these settings (type added) */
    BlobStore storeWith(String name, Map<String, String> settings) {
        Map<String, String> m = new HashMap<>(settings);
        m.put("type", "azure");
        return new AzureBlobStoreProvider().create(new BackendSettings(name, m));
    }

    /** @return a raw SDK client, to look at what Azure really holds */
    BlobServiceClient rawClient() {
        return new BlobServiceClientBuilder().connectionString(server.connectionString())
                .httpClient(AzureHttpClients.jdkDefault(java.time.Duration.ofSeconds(30))).buildClient();
    }

    @Override
    public void close() {
        server.stop();
    }
}
