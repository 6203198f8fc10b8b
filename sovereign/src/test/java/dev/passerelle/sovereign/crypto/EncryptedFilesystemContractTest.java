package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.sovereign.FsStores;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/** The whole contract kit through the encryption decorator (encryption required) over the filesystem backend. */
class EncryptedFilesystemContractTest extends BlobStoreContractTest {
    private Path root;

    @Override
    protected BlobStore createStore() throws Exception {
        root = Files.createTempDirectory("passerelle-enc-kit");
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        return new EncryptingBlobStore(FsStores.at(root), new KeyRing("kit", Map.of("kit", kek)), true, "kit");
    }

    @Override
    protected void afterAllTests() {
        FsStores.deleteTree(root);
    }
}
