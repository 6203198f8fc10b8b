package dev.passerelle.api.spi;

import dev.passerelle.api.BlobStore;

/**
 * A backend type, found through {@link java.util.ServiceLoader}: adding a backend is adding a module
 * with a {@code META-INF/services/dev.passerelle.api.spi.BlobStoreProvider} file.
 */
public interface BlobStoreProvider {

    /** @return the type name used in {@code passerelle.backends.<name>.type} (e.g. {@code filesystem}) */
    String type();

    /**
     * Builds a store from its settings. Reads only its own keys; never logs secrets.
     *
     * @param settings the backend's settings
     * @return a ready store; the caller closes it
     * @throws ConfigException naming the key when a setting is missing or wrong
     */
    BlobStore create(BackendSettings settings);

    /**
     * The keys this type reads under {@code passerelle.backends.<name>.}, besides the common ones of
     * {@link dev.passerelle.api.config.BackendKeys}: the unknown-key check refuses any other key of a
     * backend of this type, and the configuration reference lists them.
     *
     * @return the type's declaration; component id {@code backend-<type>}
     */
    dev.passerelle.api.config.ConfigKeys configKeys();
}
