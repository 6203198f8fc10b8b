package dev.passerelle.backend.jclouds;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;
import dev.passerelle.testservers.S3ProxyServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The contract kit through jclouds' {@code s3} API (path-style) against S3Proxy 4.1.0 in a separate JVM. */
class S3ProxyContractTest extends BlobStoreContractTest {
    private S3ProxyServer server;
    private Path dir;

    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-jclouds-s3proxy");
        server = new S3ProxyServer(dir);
        server.start();
        return TestStores.store(TestStores.s3proxy(server, "jclouds-s3proxy", Map.of()));
    }

    @Override
    protected void afterAllTests() throws Exception {
        if (server != null) {
            server.stop();
        }
        TestStores.deleteTree(dir);
    }
}
