package dev.passerelle.backend.jclouds;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.BlobStoreProvider;

/** The {@code jclouds} backend type: a bridge to jclouds blob-store providers. */
public final class JcloudsBlobStoreProvider implements BlobStoreProvider {

    /** @return {@code jclouds} */
    @Override
    public dev.passerelle.api.config.ConfigKeys configKeys() {
        return JcloudsKeys.DECLARATION;
    }

    @Override
    public String type() {
        return "jclouds";
    }

    /**
     * @param settings provider, endpoint, identity, credential, properties.* and the bridge's own settings
     * @return a store over a freshly opened jclouds context
     */
    @Override
    public BlobStore create(BackendSettings settings) {
        return new JcloudsBlobStore(new JcloudsSettings(settings));
    }
}
