package dev.passerelle.backend.filesystem;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Path;

/**
 * The contract kit through a pass-through decorator: decorators that forward keep the contract. Its
 * largest object is 16 MiB, so the kit checks an object of exactly the declared size is accepted.
 */
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
        FilesystemSettings m = FilesystemSettings.managed(root);
        return new PassThrough(new FilesystemBlobStore(new FilesystemSettings(m.root(), m.plain(), m.headChecksums(), m.staleTempAfter(),
                16L << 20, m.readOnly())));
    }

    @Override
    protected void afterAllTests() throws Exception {
        TempRoot.delete(root);
    }
}
