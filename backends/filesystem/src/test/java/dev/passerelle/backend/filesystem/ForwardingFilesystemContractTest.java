package dev.passerelle.backend.filesystem;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Path;

/** The contract kit through a pass-through decorator: decorators that forward keep the contract. */
class ForwardingFilesystemContractTest extends BlobStoreContractTest {
    private Path root;

    /** A decorator that changes nothing. */
    static final class PassThrough extends ForwardingBlobStore {
        PassThrough(BlobStore delegate) {
            super(delegate);
        }
    }

    @Override
    protected BlobStore createStore() throws Exception {
        root = TempRoot.create("passerelle-fs-forwarding");
        return new PassThrough(new FilesystemBlobStore(FilesystemSettings.managed(root)));
    }

    @Override
    protected void afterAllTests() throws Exception {
        TempRoot.delete(root);
    }
}
