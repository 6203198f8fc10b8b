package dev.passerelle.backend.jclouds;

import dev.passerelle.api.spi.ConfigException;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.util.NoSuchElementException;

/**
 * Builds the jclouds {@link BlobStoreContext} (and with it jclouds' Guice injector) from the settings.
 * This is the only place Guice-backed objects are created; none of them leaves this module.
 */
final class JcloudsContexts {
    private JcloudsContexts() {
    }

    /**
     * @param settings the backend's settings
     * @return a context; the caller closes it
     * @throws ConfigException naming {@code provider} when jclouds does not know it, or the setting
     *         jclouds rejected
     */
    static BlobStoreContext open(JcloudsSettings settings) {
        ContextBuilder builder;
        try {
            builder = ContextBuilder.newBuilder(settings.provider());
        } catch (NoSuchElementException e) {
            throw new ConfigException("passerelle.backends." + settings.name() + ".provider",
                    "jclouds knows no provider or API '" + settings.provider() + "' (bundled: transient, filesystem, s3, openstack-swift)");
        }
        settings.endpoint().ifPresent(builder::endpoint);
        if (settings.identity().isPresent() || settings.credential().isPresent()) {
            builder.credentials(settings.identity().orElse(""), settings.credential().orElse(""));
        }
        builder.overrides(settings.jcloudsProperties());
        try {
            return builder.buildView(BlobStoreContext.class);
        } catch (RuntimeException e) {
            // never include the exception's message: jclouds may echo configuration values
            throw new ConfigException("passerelle.backends." + settings.name() + ".provider",
                    "jclouds could not build a '" + settings.provider() + "' blob store from these settings (" + e.getClass().getSimpleName() + ")");
        }
    }
}
