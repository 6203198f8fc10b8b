package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.core.decorators.RetryingBlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The whole contract kit through the full decorator chain of a configured bucket (retry over the
 * per-call timeout) over a real filesystem backend in a temporary directory: the decorators and the
 * registry keep the contract.
 */
class BucketChainContractTest extends BlobStoreContractTest {
    private Path dir;
    private Passerelle passerelle;

    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-core-kit");
        passerelle = Passerelle.create(TestConfigs.of(dir, Map.of(
                "passerelle.backends.disk.type", "filesystem",
                "passerelle.backends.disk.root", dir.resolve("data").toString(),
                "passerelle.backends.disk.timeout", "30s",
                "passerelle.buckets.kit.retry-max-attempts", "3")));
        Bucket bucket = passerelle.bucket("kit");
        assertInstanceOf(RetryingBlobStore.class, bucket.store());
        return bucket.store();
    }

    @Override
    protected void afterAllTests() throws Exception {
        passerelle.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
