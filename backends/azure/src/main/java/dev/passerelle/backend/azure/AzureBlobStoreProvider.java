package dev.passerelle.backend.azure;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.BlobStoreProvider;

/**
 * The {@code azure} backend type: Azure Blob Storage (or Azurite). Settings under
 * {@code passerelle.backends.<name>.}: one authentication mode (see {@link AzureClientFactory}) and
 * optional tuning ({@link AzureOptions}). The HTTP client comes from {@link AzureHttpClients}.
 */
public final class AzureBlobStoreProvider implements BlobStoreProvider {

    /** @return {@code azure} */
    @Override
    public String type() {
        return "azure";
    }

    /**
     * Builds the store. No request is sent: a wrong credential shows at the first call (or the
     * readiness check) as BACKEND_AUTH_FAILED naming this backend.
     *
     * @param settings the backend's settings
     * @return the store
     * @throws dev.passerelle.api.spi.ConfigException naming the key at fault
     */
    @Override
    public dev.passerelle.api.config.ConfigKeys configKeys() {
        return AzureKeys.DECLARATION;
    }

    @Override
    public BlobStore create(BackendSettings settings) {
        AzureHttpClients.Chosen http = AzureHttpClients.create(settings);
        AzureOptions options = AzureOptions.from(settings, http.honoursBackPressure());
        AzureClientFactory.Connection connection = AzureClientFactory.create(settings, options, http.client());
        // one transport per call whatever the SDK's HTTP client (the gateway's Vert.x, the CLI's JDK client):
        // Put Blob and Get Blob direct, through the same proxy and with the same credential (ADR 0011)
        boolean direct = settings.get(AzureKeys.DIRECT_HTTP);
        return new AzureBlobStore(settings.name(), connection, options, direct ? DirectBlobHttp.create(settings, connection, options) : null);
    }
}
