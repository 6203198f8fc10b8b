package dev.passerelle.backend.jclouds;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The contract kit against jclouds' {@code filesystem} provider in a temporary directory. */
class FilesystemContractTest extends BlobStoreContractTest {
    private Path dir;

    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-jclouds-fs");
        return TestStores.store(TestStores.settings("jclouds-filesystem", "filesystem",
                Map.of("properties.jclouds.filesystem.basedir", dir.toString())));
    }

    @Override
    protected void afterAllTests() throws Exception {
        TestStores.deleteTree(dir);
    }
}
