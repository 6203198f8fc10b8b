package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.BlobStoreProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test provider of type {@code fake}: requires {@code endpoint} (to exercise "missing setting"),
 * fails to start with {@code fail-start=true}, and remembers the settings and stores it created.
 */
public class FakeProvider implements BlobStoreProvider {
    /** Stores created, by backend name (the last one wins). */
    public static final Map<String, FakeStore> STORES = new ConcurrentHashMap<>();
    /** Settings received, by backend name. */
    public static final Map<String, BackendSettings> SETTINGS = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return "fake";
    }

    @Override
    public BlobStore create(BackendSettings settings) {
        settings.require("endpoint");
        if (settings.getBoolean("fail-start", false)) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "host unreachable");
        }
        FakeStore store = new FakeStore(settings.name());
        STORES.put(settings.name(), store);
        SETTINGS.put(settings.name(), settings);
        return store;
    }
}
