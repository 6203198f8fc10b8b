package dev.passerelle.sovereign.policy;

import dev.passerelle.api.BlobStore;
import dev.passerelle.sovereign.FsStores;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The contract kit through the policy decorator on a compliant placement (every container classified "public" on an FR host). */
class PolicyFilesystemContractTest extends BlobStoreContractTest {
    private Path root;

    @Override
    protected BlobStore createStore() throws Exception {
        root = Files.createTempDirectory("passerelle-policy-kit");
        ResidencyPolicy policy = new ResidencyPolicy(Map.of("public", new PolicyRule("public", Set.of("EU"), Set.of(), false)));
        BackendResidency local = new BackendResidency("local", "FR", Set.of());
        return new PolicyBlobStore(FsStores.at(root), bucket -> policy.evaluate(bucket, "public", local, false));
    }

    @Override
    protected void afterAllTests() {
        FsStores.deleteTree(root);
    }
}
