package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.config.BackendKeys;
import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;
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

    static final ConfigKey<String> ENDPOINT = ConfigKey.string(BackendKeys.PREFIX + "endpoint").markRequired().help("where");
    static final ConfigKey<String> ROOT = ConfigKey.string(BackendKeys.PREFIX + "root").help("a root, for the state-dir checks");
    static final ConfigKey<Boolean> FAIL_START = ConfigKey.bool(BackendKeys.PREFIX + "fail-start").defaultValue("false").help("fail");
    static final ConfigKey<String> ACCOUNT_KEY = ConfigKey.string(BackendKeys.PREFIX + "account-key").markSecret().help("a secret");

    @Override
    public ConfigKeys configKeys() {
        return ConfigKeys.of("backend-fake", "Fake", "", ENDPOINT, ROOT, FAIL_START, ACCOUNT_KEY);
    }

    @Override
    public BlobStore create(BackendSettings settings) {
        settings.get(ENDPOINT);
        if (settings.get(FAIL_START)) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "host unreachable");
        }
        FakeStore store = new FakeStore(settings.name());
        STORES.put(settings.name(), store);
        SETTINGS.put(settings.name(), settings);
        return store;
    }
}
