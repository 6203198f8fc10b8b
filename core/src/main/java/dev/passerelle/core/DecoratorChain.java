package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.core.decorators.ReadOnlyBlobStore;
import dev.passerelle.core.decorators.RetryPolicy;
import dev.passerelle.core.decorators.RetryingBlobStore;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The ONE place that stacks decorators over a backend, in a fixed order (outermost first):
 * metrics → audit → policy → read-only → encryption → retry → backend. Configuration switches a
 * layer on or off per bucket; nothing can reorder them. A layer without a factory is skipped.
 *
 * <p>Core builds audit, policy, read-only, encryption and retry (the sovereign layers from the
 * {@code passerelle.keys.*}, {@code passerelle.policy.*}, {@code passerelle.audit.*} and per-bucket
 * {@code encryption}, {@code classification} and {@code audit} settings); metrics may be supplied by
 * the application (e.g. the gateway's Micrometer registry) through
 * {@link Passerelle#create(org.eclipse.microprofile.config.Config, Map)}.
 */
public final class DecoratorChain {

    /** The layers, outermost first. The declaration order IS the chain order. */
    public enum Layer {
        /** Counts calls, bytes and latency. */
        METRICS,
        /** Appends a tamper-evident line per data access. */
        AUDIT,
        /** Refuses writes that would breach the bucket's residency policy. */
        POLICY,
        /** Refuses every write and delete ({@code passerelle.buckets.<b>.read-only}). */
        READ_ONLY,
        /** Client-side envelope encryption with institution-held keys. */
        ENCRYPTION,
        /** Retries retryable failures with backoff. */
        RETRY
    }

    private final Map<Layer, DecoratorFactory> factories;

    private DecoratorChain(Map<Layer, DecoratorFactory> factories) {
        this.factories = Collections.unmodifiableMap(new EnumMap<>(factories));
    }

    /**
     * @param retryPolicies the retry policy of each backend, by backend name
     * @return the chain core builds by default: read-only and retry
     */
    static DecoratorChain standard(Function<String, RetryPolicy> retryPolicies) {
        Map<Layer, DecoratorFactory> m = new EnumMap<>(Layer.class);
        m.put(Layer.READ_ONLY, (inner, bucket, backend) -> bucket.readOnly() ? new ReadOnlyBlobStore(inner, bucket.name()) : inner);
        m.put(Layer.RETRY, (inner, bucket, backend) -> {
            RetryPolicy policy = retryPolicies.apply(backend.name());
            int attempts = CoreSettings.attempts(bucket.fullKey("retry-max-attempts"), bucket.setting("retry-max-attempts"), policy.maxAttempts());
            // with one attempt too: the layer then marks a failure persistent, so nothing outside retries it
            return new RetryingBlobStore(inner, policy.withMaxAttempts(attempts));
        });
        return new DecoratorChain(m);
    }

    /**
     * @param layer the layer to fill
     * @param factory its factory
     * @return a new chain with this layer's factory set (replacing any previous one)
     */
    public DecoratorChain with(Layer layer, DecoratorFactory factory) {
        Map<Layer, DecoratorFactory> m = new EnumMap<>(Layer.class);
        m.putAll(factories);
        m.put(Objects.requireNonNull(layer, "layer"), Objects.requireNonNull(factory, "factory"));
        return new DecoratorChain(m);
    }

    /** @return whether a factory is set for the layer */
    public boolean has(Layer layer) {
        return factories.containsKey(layer);
    }

    /**
     * Stacks the layers over the backend's store, innermost (retry) first.
     *
     * @param bucket the bucket's settings
     * @param backend the backend the bucket is routed to
     * @return the outermost store of the chain
     */
    public BlobStore build(BucketConfig bucket, BackendInfo backend) {
        return stack(0, bucket, backend);
    }

    /**
     * Stacks only the layers strictly below one layer (towards the backend): for example, below
     * {@link Layer#ENCRYPTION}, the store that sees ciphertext and envelope metadata, as key rotation
     * ({@code Rewrapper}) needs it.
     *
     * @param layer the layer whose inner part is wanted
     * @param bucket the bucket's settings
     * @param backend the backend the bucket is routed to
     * @return the store just inside {@code layer}
     */
    public BlobStore buildBelow(Layer layer, BucketConfig bucket, BackendInfo backend) {
        return stack(Objects.requireNonNull(layer, "layer").ordinal() + 1, bucket, backend);
    }

    /** Stacks the layers from the innermost up to the one of ordinal {@code outermost}. */
    private BlobStore stack(int outermost, BucketConfig bucket, BackendInfo backend) {
        BlobStore store = backend.store();
        Layer[] layers = Layer.values();
        for (int i = layers.length - 1; i >= outermost; i--) {
            DecoratorFactory factory = factories.get(layers[i]);
            if (factory != null) {
                store = Objects.requireNonNull(factory.wrap(store, bucket, backend), "decorator factory returned null");
            }
        }
        return store;
    }
}
