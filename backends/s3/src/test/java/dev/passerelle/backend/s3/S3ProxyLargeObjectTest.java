package dev.passerelle.backend.s3;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.LargeObjectTest;
import dev.passerelle.testservers.S3ProxyServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A 300 MiB object (known and unknown length) through S3Proxy with the default part size (16 MiB)
 * and concurrency (3): runs in its own surefire execution with -Xmx192m.
 */
class S3ProxyLargeObjectTest extends LargeObjectTest {
    private S3ProxyServer server;
    private Path dir;

    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-s3proxy-large");
        server = new S3ProxyServer(dir);
        server.start();
        return TestStores.store(TestStores.s3proxy(server, "s3proxy-large", "minio", Map.of()));
    }

    @Override
    protected void afterAllTests() throws Exception {
        if (server != null) {
            server.stop();
        }
        TestStores.deleteTree(dir);
    }
}
