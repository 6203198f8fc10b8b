package dev.passerelle.gateway.config;

import dev.passerelle.core.Passerelle;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Produces the one {@link Passerelle} (backend registry and routing) of this gateway. */
public class PasserelleProducer {

    /**
     * @param config the application's configuration
     * @return the registry; a bad setting fails here with one line naming the key
     */
    @Produces
    @Singleton
    Passerelle passerelle(Config config) {
        return Passerelle.create(config);
    }

    /** Closes the backends' clients at shutdown. */
    void close(@Disposes Passerelle passerelle) {
        passerelle.close();
    }
}
