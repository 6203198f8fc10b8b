package dev.passerelle.backend.jclouds;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.util.Map;

/** The contract kit against jclouds' in-memory {@code transient} provider. */
class TransientContractTest extends BlobStoreContractTest {

    @Override
    protected BlobStore createStore() {
        return TestStores.store(TestStores.settings("jclouds-transient", "transient", Map.of()));
    }
}
