package dev.passerelle.testkit;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contract every backend passes. A backend's test is a small subclass:
 *
 * <pre>{@code
 * class MyBackendContractTest extends BlobStoreContractTest {
 *     protected BlobStore createStore() { return new MyBlobStore(...); }
 *     protected Map<String, String> knownGaps() { return Map.of("dotSegmentKeys", "host normalises . and .."); }
 * }
 * }</pre>
 *
 * <p>{@link #createStore()} is called once per class; each test gets a fresh empty container
 * ({@link #container()}) that is emptied and deleted after it, so tests are independent. Tests the
 * backend's {@link dev.passerelle.api.Capabilities} rule out are skipped with a message; tests named in
 * {@link #knownGaps()} are skipped with the reason given. The kit closes the store after the class,
 * then calls {@link #afterAllTests()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BlobStoreContractTest implements ContainerContract, PutGetContract, MetadataContract,
        RangeContract, ConditionalContract, IntegrityContract, CopyContract, ListingContract, LargeListingContract,
        KeysContract, ConcurrencyContract, CapabilitiesContract {

    private BlobStore store;
    private String container;
    private final List<String> extraContainers = new ArrayList<>();
    private ListingFixture fixture;

    /**
     * Builds the store under test; called once, before any test of the class.
     *
     * @return the store; the kit closes it after the class
     * @throws Exception when the store (or the server behind it) cannot be started
     */
    protected abstract BlobStore createStore() throws Exception;

    /**
     * Tests this backend is known not to pass, by test method name, each with the reason. They are
     * skipped (reported with the reason) instead of failing.
     *
     * @return test method name to reason; empty by default
     */
    protected Map<String, String> knownGaps() {
        return Map.of();
    }

    /**
     * Hook run after every test of the class and after the store was closed (e.g. to stop a server).
     *
     * @throws Exception on failure
     */
    protected void afterAllTests() throws Exception {
    }

    @BeforeAll
    final void startStore() throws Exception {
        store = Objects.requireNonNull(createStore(), "createStore() returned null");
    }

    @BeforeEach
    final void prepareTest(TestInfo info) {
        String method = info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("");
        String gap = knownGaps().get(method);
        Assumptions.assumeTrue(gap == null, () -> "known gap of this backend: " + gap);
        Assumptions.assumeTrue(store.capabilities().writable(), "backend is not writable: the contract kit needs to write");
        container = Kit.randomContainerName();
        store.createContainer(container, Kit.ctx());
    }

    @AfterEach
    final void cleanUpTest() {
        List<String> toDelete = new ArrayList<>();
        synchronized (extraContainers) {
            toDelete.addAll(extraContainers);
            extraContainers.clear();
        }
        if (container != null) {
            toDelete.add(container);
            container = null;
        }
        for (String c : toDelete) {
            try {
                Kit.deleteContainerAndContents(store, c);
            } catch (StorageException e) {
                System.err.println("contract kit: could not clean up container " + c + ": " + e.getMessage());
            }
        }
    }

    @AfterAll
    final void stopStore() throws Exception {
        try {
            if (fixture != null) {
                fixture.delete(store);
            }
            if (store != null) {
                store.close();
            }
        } finally {
            afterAllTests();
        }
    }

    @Override
    public final BlobStore store() {
        return store;
    }

    @Override
    public final String container() {
        return container;
    }

    @Override
    public final String newContainerName() {
        String name = Kit.randomContainerName();
        synchronized (extraContainers) {
            extraContainers.add(name);
        }
        return name;
    }

    @Override
    public final synchronized ListingFixture listingFixture() {
        if (fixture == null) {
            try {
                fixture = ListingFixture.create(store, store.capabilities().listOrder().comparator());
            } catch (Exception e) {
                throw new IllegalStateException("could not build the listing fixture", e);
            }
        }
        return fixture;
    }
}
