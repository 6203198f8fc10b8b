package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.LargeObjectTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A ≥ 300 MiB object streamed through a bucket's whole decorator chain (retry, per-call timeout with
 * its progress-tracking stream) over the filesystem backend, in a JVM with a small heap (see the
 * {@code large-objects} surefire execution in core's pom): no layer may buffer an object.
 */
class BucketChainLargeObjectTest extends LargeObjectTest {
    private Path dir;
    private Passerelle passerelle;

    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-core-large");
        passerelle = Passerelle.create(TestConfigs.of(dir, Map.of(
                "passerelle.backends.disk.type", "filesystem",
                "passerelle.backends.disk.root", dir.resolve("data").toString())));
        return passerelle.bucket("large").store();
    }

    @Override
    protected void afterAllTests() throws Exception {
        passerelle.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
