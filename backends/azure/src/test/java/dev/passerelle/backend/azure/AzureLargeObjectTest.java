package dev.passerelle.backend.azure;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.LargeObjectTest;

import java.util.Map;

/** Streams >= 300 MiB through put and get against Azurite, with -Xmx192m (separate surefire execution). */
class AzureLargeObjectTest extends LargeObjectTest {
    private AzuriteFixture azurite;

    @Override
    protected BlobStore createStore() {
        azurite = AzuriteFixture.start();
        return azurite.store("azure-large", Map.of());
    }

    @Override
    protected void afterAllTests() {
        if (azurite != null) {
            azurite.close();
        }
    }
}
