package dev.passerelle.backend.azure;

import dev.passerelle.api.BlobStore;

import java.util.Map;

/**
 * The contract kit again with {@code direct-http=false}: every call through the SDK's pipeline (what
 * an application that supplies its own HTTP client, like the gateway, gets).
 */
class AzureSdkOnlyContractTest extends AzureContractTest {
    @Override
    protected BlobStore createStore() {
        azurite = AzuriteFixture.start();
        return azurite.store("azure-sdk-contract", Map.of("block-size", "256KiB", "direct-http", "false"));
    }
}
