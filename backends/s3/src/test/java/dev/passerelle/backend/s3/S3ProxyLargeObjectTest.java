package dev.passerelle.backend.s3;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.LargeObjectTest;
import dev.passerelle.testservers.S3ProxyServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A 300 MiB object through S3Proxy in its own surefire execution with -Xmx192m: of known length it
 * is streamed as one PutObject ({@code single-put-max=512MiB}), of unknown length it goes in parts of
 * the default size (16 MiB, 3 in flight). Known-length multipart uploads under a small heap are
 * {@link S3ConcurrentUploadsLargeObjectTest}'s.
 */
class S3ProxyLargeObjectTest extends LargeObjectTest {
    private S3ProxyServer server;
    private Path dir;

    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-s3proxy-large");
        server = new S3ProxyServer(dir);
        server.start();
        return TestStores.store(TestStores.s3proxy(server, "s3proxy-large", "minio", Map.of("single-put-max", "512MiB")));
    }

    @Override
    protected void afterAllTests() throws Exception {
        if (server != null) {
            server.stop();
        }
        TestStores.deleteTree(dir);
    }
}
