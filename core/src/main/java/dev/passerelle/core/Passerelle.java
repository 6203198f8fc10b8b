package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.Names;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.BlobStoreProvider;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.core.decorators.StoreMetrics;
import dev.passerelle.sovereign.audit.AuditHead;
import dev.passerelle.sovereign.audit.AuditRecord;
import dev.passerelle.sovereign.audit.AuditSettings;
import dev.passerelle.sovereign.crypto.KeyRing;
import dev.passerelle.sovereign.policy.Placement;
import dev.passerelle.sovereign.policy.PolicyDecision;
import org.eclipse.microprofile.config.Config;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything the gateway and the CLI need, built once from configuration: the backends, the routes
 * of buckets to backends and containers, and each bucket's decorator chain. Thread-safe.
 *
 * <p>Do not close a {@link Bucket#store()} or a {@link BackendInfo#store()}: {@link #close()} closes
 * the backends once for everyone.
 */
public final class Passerelle implements AutoCloseable {
    /** The code of a bucket name refused because its container belongs to another, configured bucket. */
    public static final String RESERVED = "bucket_reserved";

    private final AtomicBoolean closed = new AtomicBoolean();
    private final CoreSettings settings;
    private final BackendRegistry registry;
    private final DecoratorChain chain;
    private final SovereignLayers sovereign;
    /** the configured buckets built so far (all of them when the backends start at once) */
    private final Map<String, Bucket> configuredBuckets = new ConcurrentHashMap<>();

    private Passerelle(CoreSettings settings, BackendRegistry registry, DecoratorChain chain, SovereignLayers sovereign,
                       BackendStart start) {
        this.settings = settings;
        this.registry = registry;
        this.chain = chain;
        this.sovereign = sovereign;
        if (start.all()) {
            settings.buckets.keySet().forEach(this::configured);
        }
    }

    /**
     * When the backends' clients are built.
     *
     * @param all every backend and configured bucket at {@code create}: a bad one fails start-up (the gateway)
     * @param now with {@code all} false, the backends started at {@code create} (a failure fails it,
     *            before the state directory is created); every other backend starts at its first use,
     *            with the buckets routed to it, and one that fails to start fails the call that needs
     *            it with the same one-line error (the migration tool: a command that uses two of ten
     *            configured backends builds two clients). Names not configured are ignored.
     */
    public record BackendStart(boolean all, Set<String> now) {
        /** Every backend at {@code create}. */
        public static final BackendStart ALL_AT_ONCE = new BackendStart(true, Set.of());

        /** Copies the names. */
        public BackendStart {
            now = Set.copyOf(now);
        }

        /**
         * @param now the backends to start at {@code create}
         * @return those now, the others at their first use
         */
        public static BackendStart onFirstUse(Collection<String> now) {
            return new BackendStart(false, Set.copyOf(now));
        }
    }

    /**
     * Whether the configuration must name (or imply) a default backend: the home of every bucket it
     * does not route. It is implied when one backend is configured, or one named {@code local}.
     */
    public enum DefaultBackend {
        /** The gateway: it serves any bucket name, so an unrouted one needs a home; a missing default fails {@code create}. */
        REQUIRED,
        /**
         * The migration tool: every location names its backend. Without a default, a configured bucket
         * must name its backend, and an unrouted bucket name is refused where it is used
         * ({@code unrouted_bucket}).
         */
        OPTIONAL
    }

    private Bucket configured(String bucket) {
        BucketConfig config = settings.buckets.get(bucket);
        return config == null ? null : configuredBuckets.computeIfAbsent(bucket, b -> build(config));
    }

    /**
     * Reads {@code passerelle.*} from a MicroProfile/SmallRye Config (what Quarkus injects, or one built
     * in tests), validates everything, starts the backends (found through
     * {@code ServiceLoader<BlobStoreProvider>}) and creates the state directory. The sovereign settings
     * (KEKs, residency rules, audit) are validated before any backend starts, and every configured
     * route is checked against the residency policy; the audit file, when configured, is opened here.
     *
     * @param config the application's configuration
     * @return the started instance; close it on shutdown
     * @throws ConfigException one line naming the key and the problem; for a route that breaks the
     *         residency policy, the key is {@code passerelle.buckets.<b>.backend} and the line names
     *         bucket, backend and rule
     */
    public static Passerelle create(Config config) {
        return create(config, StoreMetrics.NONE);
    }

    /**
     * Like {@link #create(Config)}, with the bucket chains' metrics layer reporting to the application
     * (e.g. the gateway's Micrometer registry). Every layer is core's; the application only says where
     * metrics go.
     *
     * @param config the application's configuration
     * @param metrics where the metrics layer reports; {@link StoreMetrics#NONE} leaves it out
     * @return the started instance; close it on shutdown
     * @throws ConfigException one line naming the key and the problem
     */
    public static Passerelle create(Config config, StoreMetrics metrics) {
        return create(config, metrics, BackendStart.ALL_AT_ONCE);
    }

    /**
     * Like {@link #create(Config, StoreMetrics)}, choosing when the backends start. Everything but the
     * clients of backends left for later is still validated here (settings, backend types, sovereign
     * settings, state directory).
     *
     * @param config the application's configuration
     * @param metrics where the metrics layer reports; {@link StoreMetrics#NONE} leaves it out
     * @param start when the backends' clients are built
     * @return the instance; close it on shutdown
     * @throws ConfigException one line naming the key and the problem
     */
    public static Passerelle create(Config config, StoreMetrics metrics, BackendStart start) {
        return create(config, metrics, start, DefaultBackend.REQUIRED);
    }

    /**
     * Like {@link #create(Config, StoreMetrics, BackendStart)}, choosing whether a default backend is required.
     *
     * @param config the application's configuration
     * @param metrics where the metrics layer reports; {@link StoreMetrics#NONE} leaves it out
     * @param start when the backends' clients are built
     * @param defaultBackend whether the configuration must name or imply a default backend
     * @return the instance; close it on shutdown
     * @throws ConfigException one line naming the key and the problem
     */
    public static Passerelle create(Config config, StoreMetrics metrics, BackendStart start, DefaultBackend defaultBackend) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(start, "start");
        SortedMap<String, String> snapshot = PropertySnapshot.read(config);
        CoreSettings settings = CoreSettings.parse(snapshot, defaultBackend == DefaultBackend.REQUIRED);
        SovereignLayers sovereign = SovereignLayers.read(config, snapshot, settings);
        DecoratorChain chain = sovereign.addTo(DecoratorChain.standard(name -> settings.backends.get(name).retry(), metrics));
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader()).orElse(Passerelle.class.getClassLoader());
        SortedMap<String, BlobStoreProvider> providers = BackendRegistry.providers(loader);
        BackendRegistry.checkTypes(settings.backends.values(), providers);
        PathChecks.check(settings.stateDir, settings.backends.values());
        BackendRegistry registry = start.all()
                ? BackendRegistry.start(settings.backends.values(), providers)
                : BackendRegistry.start(settings.backends.values(), providers, start.now());
        try {
            PathChecks.createStateDir(settings.stateDir);
            sovereign.openAudit();
            return new Passerelle(settings, registry, chain, sovereign, start);
        } catch (RuntimeException e) {
            sovereign.close();
            registry.close();
            throw e;
        }
    }

    /** @return the state directory ({@code passerelle.state-dir}, default {@code ./state}), absolute; it exists */
    public Path stateDir() {
        return settings.stateDir;
    }

    /**
     * @return the name of the default backend ({@code passerelle.default-backend}, or implied); empty
     *         only when created with {@link DefaultBackend#OPTIONAL} and none is named or implied
     */
    public Optional<String> defaultBackend() {
        return Optional.ofNullable(settings.defaultBackend);
    }

    /** @return every backend, sorted by name (starting those not started yet) */
    public List<BackendInfo> backends() {
        return List.copyOf(registry.backends().values());
    }

    /** @return the configured backend names, sorted; starts nothing */
    public SortedSet<String> backendNames() {
        return registry.names();
    }

    /**
     * @param name a backend name
     * @return the backend (started now if it was not yet)
     * @throws StorageException INVALID_ARGUMENT with code {@code unknown_backend} when there is none of that name
     * @throws ConfigException when the backend fails to start
     */
    public BackendInfo backend(String name) {
        BackendInfo info = registry.get(name);
        if (info == null) {
            throw StorageException.invalid("unknown_backend", "no backend named '" + name + "' is configured");
        }
        return info;
    }

    /**
     * The store of a backend addressed directly (a container of it, not a bucket), with core's call
     * layer over it: the part of the chain below {@link DecoratorChain.Layer#ENCRYPTION} (retry with the
     * backend's {@code retry-*} settings, over the backend). For the migration CLI, whose locations
     * name a backend and a container: each of its calls is retried in this one layer, as a bucket's
     * calls are. Do not close it.
     *
     * @param name a backend name
     * @return the backend's store under the call layer
     * @throws StorageException INVALID_ARGUMENT ({@code unknown_backend}) when there is none of that name
     * @throws ConfigException when the backend fails to start
     */
    public BlobStore backendStore(String name) {
        BackendInfo info = backend(name);
        return chain.buildBelow(DecoratorChain.Layer.ENCRYPTION, new BucketConfig(name, name, "", false, Map.of()), info);
    }

    /**
     * Routes a bucket: {@code passerelle.buckets.<b>.backend}, else the default backend; container
     * {@code passerelle.buckets.<b>.container}, else the bucket name.
     *
     * @param bucket the bucket name
     * @return the bucket with its decorator chain (the container need not exist)
     * @throws StorageException INVALID_ARGUMENT ({@code invalid_bucket_name}) for a bad name; FORBIDDEN
     *         ({@code bucket_reserved}) for an unconfigured name whose container at the default backend is
     *         the container of a configured bucket (which would otherwise bypass that bucket's settings)
     */
    public Bucket bucket(String bucket) {
        Names.validateContainer(bucket);
        Bucket configured = configured(bucket);
        if (configured != null) {
            return configured;
        }
        requireNotReserved(bucket);
        if (settings.defaultBackend == null) {
            throw StorageException.invalid("unrouted_bucket", "bucket " + bucket + " has no route: set passerelle.buckets."
                    + bucket + ".backend or passerelle.default-backend");
        }
        return build(unconfigured(bucket));
    }

    /**
     * Refuses an unconfigured bucket name whose container at the default backend belongs to a
     * configured bucket: without this, a second name would reach that container around its settings
     * (read-only, encryption, audit...). Front doors call it before any body is read, so the refusal
     * is audited with the caller like the other refusals.
     *
     * @param bucket a bucket name (not validated here)
     * @throws StorageException FORBIDDEN ({@code bucket_reserved})
     */
    public void requireNotReserved(String bucket) {
        if (settings.buckets.containsKey(bucket)) {
            return;
        }
        for (BucketConfig other : settings.buckets.values()) {
            if (other.backend().equals(settings.defaultBackend) && other.container().equals(bucket)) {
                throw new StorageException(ErrorKind.FORBIDDEN, RESERVED, "bucket " + bucket + " is not available: its container at backend "
                        + other.backend() + " belongs to bucket " + other.name(), false, null);
            }
        }
    }

    private BucketConfig unconfigured(String bucket) {
        return new BucketConfig(bucket, settings.defaultBackend, bucket, false, Map.of());
    }

    /**
     * Explains where a bucket lives: backend, jurisdiction, certifications, classification,
     * encryption (and the current KEK id, never key material), and which rule allows it.
     *
     * @param bucket the bucket name
     * @return the placement of its route
     * @throws StorageException as {@link #bucket(String)} for a bad or reserved name
     */
    public Placement placement(String bucket) {
        bucket(bucket);
        return sovereign.config().placement(bucket);
    }

    /**
     * Evaluates placing a bucket (its classification and encryption) on a backend, without moving
     * anything: what the migration tool asks of a destination before copying a byte.
     *
     * @param bucket the bucket whose data would be placed (its settings decide)
     * @param backendName the backend that would keep the bytes
     * @return the decision, with a one-line explanation naming bucket, backend and rule
     * @throws StorageException INVALID_ARGUMENT for a bad bucket name or an unknown backend
     */
    public PolicyDecision decide(String bucket, String backendName) {
        Names.validateContainer(bucket);
        if (backendName == null || !registry.names().contains(backendName)) {
            throw StorageException.invalid("unknown_backend", "no backend named '" + backendName + "' is configured");
        }
        return sovereign.decide(bucket, backendName);
    }

    /**
     * Finds the bucket whose route ends at a container of a backend: a configured bucket routed
     * there, else, on the default backend, the bucket of the container's own name.
     *
     * @param backendName a backend name
     * @param container a container at that backend
     * @return the bucket name, or empty when no bucket reaches that container
     */
    public Optional<String> bucketAt(String backendName, String container) {
        for (BucketConfig b : settings.buckets.values()) {
            if (b.backend().equals(backendName) && b.container().equals(container)) {
                return Optional.of(b.name());
            }
        }
        if (backendName.equals(settings.defaultBackend) && !settings.buckets.containsKey(container) && isBucketName(container)) {
            return Optional.of(container);
        }
        return Optional.empty();
    }

    /** @return the configured KEKs ({@code passerelle.keys.*}), if any */
    public Optional<KeyRing> keys() {
        return sovereign.config().keys();
    }

    /**
     * The bucket's chain below the encryption layer (retry over the backend): it sees ciphertext and
     * the envelope metadata. For key rotation ({@code new Rewrapper(storeBelowEncryption(b), keys().orElseThrow(), b)},
     * called with {@link Bucket#container()}). It bypasses audit, policy and read-only: check
     * {@link Bucket#readOnly()} first. Do not close it.
     *
     * @param bucket the bucket name
     * @return the store under the encryption layer
     * @throws StorageException as {@link #bucket(String)} for a bad or reserved name
     */
    public BlobStore storeBelowEncryption(String bucket) {
        Bucket routed = bucket(bucket);
        BucketConfig config = settings.buckets.getOrDefault(bucket, unconfigured(bucket));
        return chain.buildBelow(DecoratorChain.Layer.ENCRYPTION, config, backend(routed.backend()));
    }

    /** @return the audit settings (file; the key is never logged), when {@code passerelle.audit.key-file} is set */
    public Optional<AuditSettings> auditSettings() {
        return sovereign.auditSettings();
    }

    /** @return the audit chain's head now (the checkpoint to keep off the host), or empty when auditing is off */
    public Optional<AuditHead> auditHead() {
        return sovereign.auditHead();
    }

    /**
     * Logs the audit chain's head ({@code audit head <when>: {json}}), as at start-up and shutdown.
     *
     * @param when e.g. {@code periodically}
     * @return the head, or empty when auditing is off
     */
    public Optional<AuditHead> publishAuditHead(String when) {
        return sovereign.publishHead(when);
    }

    /**
     * Audits a request refused before it reached a bucket's store (no token, a bad token, a token
     * without the access or the bucket, a read-only bucket): one line with {@code result} (the stable
     * code, e.g. {@code unauthorized}, {@code forbidden}) and {@code reason}, not forced to disk.
     * Nothing is written when auditing is off or the bucket is configured {@code audit=false}; a line
     * that cannot be written is logged and the refusal stands.
     *
     * @param ctx who called (caller {@code anonymous} when unauthenticated)
     * @param operation e.g. {@code get}, {@code put}, {@code list}, {@code create-bucket}
     * @param bucket the bucket addressed, or null
     * @param key the object key addressed, or null
     * @param result the stable error code of the answer
     * @param reason the refusal, in one sentence
     */
    public void auditRefusal(CallContext ctx, String operation, String bucket, String key, String result, String reason) {
        String backend = null;
        if (bucket != null) {
            try {
                Names.validateContainer(bucket);
                // the route only: building the bucket's chain for every refused name would let a flood of names fill the cache
                backend = settings.buckets.containsKey(bucket) ? settings.buckets.get(bucket).backend() : settings.defaultBackend;
            } catch (StorageException e) {
                // a bad name routes nowhere: recorded without a backend
            }
        }
        sovereign.auditRefusal(new AuditRecord(java.time.Instant.now(), ctx.requestId(), ctx.caller(), operation, backend, bucket, key,
                null, 0, result, ctx.clientAddress(), ctx.clientRequestId(), reason, false));
    }

    /**
     * @param bucket the bucket name
     * @return its settings if it is configured ({@code passerelle.buckets.<bucket>.*})
     */
    public Optional<BucketConfig> bucketConfig(String bucket) {
        return Optional.ofNullable(settings.buckets.get(bucket));
    }

    /**
     * Lists the buckets that exist: configured buckets whose container exists at their backend, and
     * the containers of the default backend that a bucket name routes to (a container reached only
     * through a configured bucket under another name is reported under that name; one whose name is
     * routed elsewhere is not reachable and left out). A backend that fails to answer is asked once
     * and reported in {@link BucketListing#failedBackends()}, with its configured buckets in
     * {@link BucketListing#unavailable()}; the other backends' buckets are still listed.
     *
     * @param ctx who calls
     * @return the buckets, sorted by name, without duplicates, and what could not be asked
     */
    public BucketListing listBuckets(CallContext ctx) {
        return BucketListing.collect(settings, this, ctx);
    }

    static boolean isBucketName(String name) {
        try {
            Names.validateContainer(name);
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    private Bucket build(BucketConfig config) {
        BackendInfo backend = registry.get(config.backend());
        if (backend == null) {
            throw new StorageException(ErrorKind.INTERNAL, "bucket " + config.name() + " routes to unknown backend " + config.backend());
        }
        return new Bucket(config.name(), config.backend(), config.container(), config.readOnly(), chain.build(config, backend));
    }

    /** Closes the audit file and every backend (once; later calls do nothing). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                sovereign.close();
            } finally {
                registry.close();
            }
        }
    }
}
