package dev.passerelle.backend.jclouds;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The contract kit through jclouds' {@code openstack-swift} API against a local OpenStack Swift 2.30
 * (Debian packages) with tempauth, started as separate processes on free loopback ports.
 */
class SwiftContractTest extends BlobStoreContractTest {
    private SwiftServer server;
    private Path dir;

    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-jclouds-swift");
        server = new SwiftServer(dir).start();
        return TestStores.store(TestStores.settings("jclouds-swift", "openstack-swift", Map.of(
                "endpoint", server.authEndpoint(),
                "identity", SwiftServer.IDENTITY,
                "credential", SwiftServer.CREDENTIAL,
                "properties.jclouds.keystone.credential-type", "tempAuthCredentials")));
    }

    @Override
    protected Map<String, String> knownGaps() {
        return Map.of("manyShortUserMetadataEntriesUpToTheDeclaredBudgetRoundTrip", "Swift 2.30 refuses 62 short entries with empty "
                + "values (88 bytes, 64 entries with the checksums, under its 90): 'Server rejected operation'; cause not found yet");
    }

    @Override
    protected void afterAllTests() throws Exception {
        if (server != null) {
            server.close();
        }
        TestStores.deleteTree(dir);
    }
}
