package dev.passerelle.backend.filesystem;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Path;

/** The whole contract kit against the managed layout in a temporary directory. */
class ManagedFilesystemContractTest extends BlobStoreContractTest {
    private Path root;

    @Override
    protected BlobStore createStore() throws Exception {
        root = TempRoot.create("passerelle-fs-managed");
        return new FilesystemBlobStore(FilesystemSettings.managed(root));
    }

    @Override
    protected void afterAllTests() throws Exception {
        TempRoot.delete(root);
    }
}
