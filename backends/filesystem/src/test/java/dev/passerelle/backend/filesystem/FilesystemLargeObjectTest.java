package dev.passerelle.backend.filesystem;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.LargeObjectTest;

import java.nio.file.Path;

/** A 300 MiB object streamed through the managed layout while the JVM has a 192 MiB heap. */
class FilesystemLargeObjectTest extends LargeObjectTest {
    private Path root;

    @Override
    protected BlobStore createStore() throws Exception {
        root = TempRoot.create("passerelle-fs-large");
        return new FilesystemBlobStore(FilesystemSettings.managed(root));
    }

    @Override
    protected void afterAllTests() throws Exception {
        TempRoot.delete(root);
    }
}
