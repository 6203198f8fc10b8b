package dev.passerelle.testkit;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.StorageException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A container holding {@link #KEY_COUNT} small objects with a mix of flat keys, directory-like keys,
 * nested prefixes and keys that sort differently in UTF-8 and UTF-16 (U+FF01 vs U+1F600). Built once
 * per test class, in parallel, and deleted after the class.
 */
public final class ListingFixture {
    /** How many keys the fixture holds. */
    public static final int KEY_COUNT = 2_600;
    private static final int THREADS = 8;

    private final String container;
    private final List<String> sortedKeys;

    private ListingFixture(String container, List<String> sortedKeys) {
        this.container = container;
        this.sortedKeys = sortedKeys;
    }

    /** @return the fixture's keys (unsorted) */
    static List<String> keys() {
        List<String> keys = new ArrayList<>(KEY_COUNT);
        for (int i = 0; i < 2000; i++) {
            keys.add(String.format("d%02d/k%04d", i % 20, i));
        }
        for (int i = 0; i < 400; i++) {
            keys.add(String.format("top-%04d", i));
        }
        for (int i = 0; i < 100; i++) {
            keys.add(String.format("d05/sub/x%03d", i));
        }
        for (int i = 0; i < 50; i++) {
            keys.add("u/\uFF01" + i);
            keys.add("u/\uD83D\uDE00" + i);
        }
        return keys;
    }

    /**
     * Creates a container and fills it, 8 puts at a time.
     *
     * @param store the store
     * @param order how the backend lists
     * @return the fixture
     */
    static ListingFixture create(BlobStore store, java.util.Comparator<String> order) throws Exception {
        String container = Kit.randomContainerName();
        store.createContainer(container, Kit.ctx());
        List<String> keys = keys();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String key : keys) {
                byte[] body = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                futures.add(pool.submit(() -> Kit.put(store, container, key, body)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception | Error e) {
            pool.shutdownNow();
            new ListingFixture(container, List.of()).delete(store);
            throw e;
        } finally {
            pool.shutdownNow();
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(order);
        return new ListingFixture(container, Collections.unmodifiableList(sorted));
    }

    /** @return the container holding the fixture */
    public String container() {
        return container;
    }

    /** @return every key, in the backend's declared listing order */
    public List<String> sortedKeys() {
        return sortedKeys;
    }

    /** Deletes every object and the container. */
    void delete(BlobStore store) {
        try {
            Kit.deleteContainerAndContents(store, container);
        } catch (StorageException e) {
            System.err.println("contract kit: could not delete listing fixture " + container + ": " + e.getMessage());
        }
    }
}
