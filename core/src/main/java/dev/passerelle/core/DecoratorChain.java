package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.core.decorators.MeteringBlobStore;
import dev.passerelle.core.decorators.ReadOnlyBlobStore;
import dev.passerelle.core.decorators.RetryPolicy;
import dev.passerelle.core.decorators.RetryingBlobStore;
import dev.passerelle.core.decorators.StoreMetrics;
import dev.passerelle.core.decorators.TimeoutBlobStore;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The ONE place that stacks decorators over a backend, in a fixed order (outermost first):
 * metrics → audit → policy → read-only → encryption → retry → timeout → backend. Configuration
 * switches a layer on or off per bucket; nothing can reorder them. A layer without a factory is
 * skipped. Every layer is built here; the application only supplies where metrics go
 * ({@link StoreMetrics}, e.g. the gateway's Micrometer registry).
 *
 * <p>The timeout layer is the backend's, not a bucket's: it carries the backend's pool and its cap on
 * calls in flight, which every bucket of the backend shares, so it is built once when the backend
 * starts ({@link #wrapBackend}) and is what {@link BackendInfo#store()} returns; each bucket's layers
 * stack over it. Retry sits outside it: each attempt is bounded by the timeout and holds a slot of the
 * cap only while it runs (not while it backs off); see ADR 0022.
 */
public final class DecoratorChain {

    /** The layers, outermost first. The declaration order IS the chain order. */
    public enum Layer {
        /** Counts calls, bytes and latency ({@link MeteringBlobStore}); on when the application supplies {@link StoreMetrics}. */
        METRICS,
        /** Appends a tamper-evident line per data access. */
        AUDIT,
        /** Refuses writes that would breach the bucket's residency policy. */
        POLICY,
        /** Refuses every write and delete ({@code passerelle.buckets.<b>.read-only}). */
        READ_ONLY,
        /** Client-side envelope encryption with institution-held keys. */
        ENCRYPTION,
        /** Retries retryable failures with backoff ({@code retry-max-attempts}). */
        RETRY,
        /**
         * Bounds each call to the host ({@code passerelle.backends.<n>.timeout}) and the calls in flight
         * at once ({@code max-concurrent-calls}); fills the backend's name into every error. One per
         * backend, shared by its buckets.
         */
        TIMEOUT
    }

    private final Map<Layer, DecoratorFactory> factories;

    private DecoratorChain(Map<Layer, DecoratorFactory> factories) {
        this.factories = Collections.unmodifiableMap(new EnumMap<>(factories));
    }

    /**
     * @param retryPolicies the retry policy of each backend, by backend name
     * @param metrics where the metrics layer reports; {@link StoreMetrics#NONE} leaves it out
     * @return the chain core builds: metrics (when supplied), read-only, retry and timeout
     */
    static DecoratorChain standard(Function<String, RetryPolicy> retryPolicies, StoreMetrics metrics) {
        Map<Layer, DecoratorFactory> m = new EnumMap<>(Layer.class);
        if (Objects.requireNonNull(metrics, "metrics") != StoreMetrics.NONE) {
            m.put(Layer.METRICS, (inner, bucket, backend) -> new MeteringBlobStore(inner, metrics, backend.name()));
        }
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
     * Builds the timeout layer of a backend, once, when it starts: the store of {@link BackendInfo#store()}
     * and the innermost layer of every bucket routed to it.
     *
     * @param spec the backend's settings (name, {@code timeout}, {@code max-concurrent-calls})
     * @param raw the store its provider built
     * @return the raw store under its timeout layer
     */
    static BlobStore wrapBackend(CoreSettings.BackendSpec spec, BlobStore raw) {
        return new TimeoutBlobStore(raw, spec.name(), spec.timeout(), spec.maxConcurrentCalls());
    }

    /**
     * @param layer the layer to fill
     * @param factory its factory
     * @return a new chain with this layer's factory set (replacing any previous one)
     * @throws IllegalArgumentException for the timeout layer, which is the backend's ({@link #wrapBackend})
     */
    DecoratorChain with(Layer layer, DecoratorFactory factory) {
        if (layer == Layer.TIMEOUT) {
            throw new IllegalArgumentException("the TIMEOUT layer is built once per backend");
        }
        Map<Layer, DecoratorFactory> m = new EnumMap<>(Layer.class);
        m.putAll(factories);
        m.put(Objects.requireNonNull(layer, "layer"), Objects.requireNonNull(factory, "factory"));
        return new DecoratorChain(m);
    }

    /** @return whether the layer is built (the timeout layer always is, per backend) */
    boolean has(Layer layer) {
        return layer == Layer.TIMEOUT || factories.containsKey(layer);
    }

    /**
     * Stacks the bucket's layers over the backend's store (its timeout layer), innermost (retry) first.
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
     * @throws IllegalArgumentException for the timeout layer: the raw backend below it is never handed out
     */
    public BlobStore buildBelow(Layer layer, BucketConfig bucket, BackendInfo backend) {
        if (Objects.requireNonNull(layer, "layer") == Layer.TIMEOUT) {
            throw new IllegalArgumentException("nothing of the chain is below the TIMEOUT layer");
        }
        return stack(layer.ordinal() + 1, bucket, backend);
    }

    /** Stacks the bucket's layers over the backend's timeout layer, up to the one of ordinal {@code outermost}. */
    private BlobStore stack(int outermost, BucketConfig bucket, BackendInfo backend) {
        BlobStore store = backend.store();
        Layer[] layers = Layer.values();
        for (int i = Layer.TIMEOUT.ordinal() - 1; i >= outermost; i--) {
            DecoratorFactory factory = factories.get(layers[i]);
            if (factory != null) {
                store = Objects.requireNonNull(factory.wrap(store, bucket, backend), "decorator factory returned null");
            }
        }
        return store;
    }
}
