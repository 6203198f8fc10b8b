package dev.passerelle.backend.s3;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.BlobStoreProvider;

/** Backend type {@code s3}: any S3-compatible host, with presets for known providers. */
public final class S3BlobStoreProvider implements BlobStoreProvider {

    /** @return {@code s3} */
    @Override
    public String type() {
        return "s3";
    }

    @Override
    public dev.passerelle.api.config.ConfigKeys configKeys() {
        return S3Keys.DECLARATION;
    }

    /**
     * @param settings {@code preset}, {@code endpoint}, {@code region}, {@code access-key},
     *                 {@code secret-key} and the overrides {@link S3Settings#from} lists
     * @return the store
     */
    @Override
    public BlobStore create(BackendSettings settings) {
        return new S3BlobStore(S3Settings.from(settings));
    }
}
