package dev.passerelle.backend.azure;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.LargeObjectTest;

import java.util.Map;

/** Streams >= 300 MiB through put and get against Azurite, with -Xmx192m (separate surefire execution). */
class AzureLargeObjectTest extends LargeObjectTest {
    private AzuriteFixture azurite;

    @Override
    protected BlobStore createStore() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        if (maxHeap > 256L * 1024 * 1024) {
            throw new IllegalStateException("run this test with a small heap (-Xmx192m, see the pom's large-objects execution); max heap is " + maxHeap);
        }
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
