package dev.passerelle.core;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;

/**
 * The typed shape of core's configuration ({@code passerelle.*}). Values core must report precisely
 * are kept as strings and parsed by {@link CoreSettings}, so a bad value stops start-up with one line
 * naming its key. Provider-specific keys of a backend are not part of this mapping: they are handed
 * to the provider as {@link dev.passerelle.api.spi.BackendSettings}.
 *
 * <p>Core reads this mapping from a private snapshot of the application's configuration (see
 * {@link PropertySnapshot}), so keys owned by other parts ({@code passerelle.auth.*},
 * {@code passerelle.keys.*}, ...) never collide with it.
 */
@ConfigMapping(prefix = "passerelle")
public interface PasserelleConfig {

    /** @return {@code passerelle.state-dir}: where the gateway and CLI keep their own files */
    @WithDefault("./state")
    String stateDir();

    /** @return {@code passerelle.default-backend}: the backend of buckets without a route */
    Optional<String> defaultBackend();

    /** @return {@code passerelle.backends.<name>.*}, the common keys of each backend */
    Map<String, Backend> backends();

    /** @return {@code passerelle.buckets.<name>.*}, the routes and switches of each configured bucket */
    Map<String, BucketEntry> buckets();

    /** Common keys of one backend. */
    interface Backend {
        /** @return the provider type */
        Optional<String> type();

        /** @return the jurisdiction (ISO country or EU) */
        Optional<String> jurisdiction();

        /** @return certifications, comma-separated */
        Optional<String> certifications();

        /** @return the per-call timeout (e.g. {@code 60s}) */
        Optional<String> timeout();

        /** @return the most calls in flight at once */
        Optional<String> maxConcurrentCalls();

        /** @return attempts per call including the first */
        Optional<String> retryMaxAttempts();

        /** @return the first retry's backoff bound */
        Optional<String> retryInitialBackoff();

        /** @return the largest backoff bound */
        Optional<String> retryMaxBackoff();
    }

    /** Keys of one bucket that core reads. */
    interface BucketEntry {
        /** @return the backend name */
        Optional<String> backend();

        /** @return the container name at the backend */
        Optional<String> container();

        /** @return whether writes are refused */
        Optional<String> readOnly();

        /** @return attempts per call including the first, overriding the backend's */
        Optional<String> retryMaxAttempts();
    }
}
