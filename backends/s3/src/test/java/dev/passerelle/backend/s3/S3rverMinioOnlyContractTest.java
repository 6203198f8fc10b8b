package dev.passerelle.backend.s3;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testservers.S3rverServer;

import java.nio.file.Files;
import java.util.Map;

/** The contract kit on s3rver again with {@code direct-http=false}: every call through minio-java. */
class S3rverMinioOnlyContractTest extends S3rverContractTest {
    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-s3rver-kit-minio");
        server = new S3rverServer(dir);
        server.start();
        return TestStores.store(TestStores.s3rver(server, "s3rver-kit-minio", "generic", Map.of("direct-http", "false")));
    }
}
