package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.backend.azure.AzureBlobStoreProvider;
import dev.passerelle.testservers.AzuriteServer;

import java.util.Map;

/** The encryption promises on the Azure backend against a real Azurite (raw bytes read back through the host's own API). */
class AzuriteEncryptionTest extends EncryptionBehaviourTest {
    private AzuriteServer azurite;

    @Override
    protected BlobStore createRawStore() {
        azurite = AzuriteServer.inMemory();
        azurite.start();
        return new AzureBlobStoreProvider().create(new BackendSettings("azure",
                Map.of("type", "azure", "connection-string", azurite.connectionString())));
    }

    @Override
    protected void stopHost() {
        if (azurite != null) {
            azurite.stop();
        }
    }
}
