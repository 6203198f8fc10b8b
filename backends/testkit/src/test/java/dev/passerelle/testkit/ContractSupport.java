package dev.passerelle.testkit;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.Capabilities;
import org.junit.jupiter.api.Assumptions;

import java.util.List;

/**
 * What every contract test interface needs from the test class. {@link BlobStoreContractTest}
 * implements it: a store, a fresh empty container per test, and fresh container names that are
 * cleaned up after the test.
 */
public interface ContractSupport {

    /** @return the store under test */
    BlobStore store();

    /** @return an empty container created for the current test (deleted after it) */
    String container();

    /** @return a fresh random container name, NOT created, but deleted after the test if it exists */
    String newContainerName();

    /** @return the shared container holding the large listing fixture (created once per class) */
    ListingFixture listingFixture();

    /** @return the store's capabilities */
    default Capabilities caps() {
        return store().capabilities();
    }

    /** Skips the current test, with the reason, unless the capability holds. */
    default void requireCapability(boolean capability, String what) {
        Assumptions.assumeTrue(capability, "backend does not declare the capability: " + what);
    }

    /** @return every key of a container, listed flat across all pages */
    default List<String> keysOf(String container) {
        return Kit.listAllKeys(store(), container);
    }
}
