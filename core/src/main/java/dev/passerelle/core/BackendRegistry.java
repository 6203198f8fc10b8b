package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.BlobStoreProvider;
import dev.passerelle.api.spi.ConfigException;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Collections;
import java.util.ServiceLoader;
import java.util.Map;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configured backends: each built by its {@link BlobStoreProvider} (found through
 * {@link ServiceLoader}) under the chain's timeout layer ({@link DecoratorChain#wrapBackend}), all at
 * once or some at once and each other one at its first use.
 */
final class BackendRegistry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackendRegistry.class);

    private final SortedMap<String, CoreSettings.BackendSpec> specs;
    private final SortedMap<String, BlobStoreProvider> providers;
    /** the started backends; guarded by this */
    private final SortedMap<String, BackendInfo> started = new TreeMap<>();
    /** guarded by this */
    private boolean closed;

    private BackendRegistry(Collection<CoreSettings.BackendSpec> specs, SortedMap<String, BlobStoreProvider> providers) {
        SortedMap<String, CoreSettings.BackendSpec> byName = new TreeMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        this.specs = Collections.unmodifiableSortedMap(byName);
        this.providers = providers;
    }

    /** @return the providers visible to the class loader, by type */
    static SortedMap<String, BlobStoreProvider> providers(ClassLoader loader) {
        SortedMap<String, BlobStoreProvider> byType = new TreeMap<>();
        for (BlobStoreProvider p : ServiceLoader.load(BlobStoreProvider.class, loader)) {
            BlobStoreProvider previous = byType.putIfAbsent(p.type(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                LOG.warnf("two providers for backend type %s: %s and %s; using the first", p.type(),
                        previous.getClass().getName(), p.getClass().getName());
            }
        }
        return byType;
    }

    /** Checks that every backend's type has a provider, before anything starts. */
    static void checkTypes(Collection<CoreSettings.BackendSpec> specs, SortedMap<String, BlobStoreProvider> providers) {
        for (CoreSettings.BackendSpec spec : specs) {
            if (!providers.containsKey(spec.type())) {
                throw new ConfigException(spec.settings().fullKey("type"), "unknown backend type '" + spec.type() + "' (available: "
                        + (providers.isEmpty() ? "none on the class path" : String.join(", ", providers.keySet())) + ")");
            }
            checkKeys(spec.settings(), providers.get(spec.type()));
        }
    }

    /**
     * The unknown-key check of one backend: each of its keys must be declared by core, the sovereign
     * controls or its type's provider, and its value must parse by its declared type.
     *
     * @throws ConfigException naming the first unknown or malformed key
     */
    static void checkKeys(BackendSettings settings, BlobStoreProvider provider) {
        Map<String, String> full = new TreeMap<>();
        settings.values().forEach((k, v) -> full.put(settings.fullKey(k), v));
        ConfigKeys.check(full, List.of(CoreKeys.COMMON_BACKEND_KEYS, provider.configKeys()));
    }

    /**
     * Starts every backend. On any failure the ones already started are closed.
     *
     * @throws ConfigException one line naming the key at fault
     */
    static BackendRegistry start(Collection<CoreSettings.BackendSpec> specs, SortedMap<String, BlobStoreProvider> providers) {
        return start(specs, providers, specs.stream().map(CoreSettings.BackendSpec::name).toList());
    }

    /**
     * Starts the named backends now (names not configured are ignored) and each other one when it is
     * first asked for (a command that uses two of ten configured backends builds two clients). Types
     * are all checked now; a later backend that fails to start fails the call that first needs it,
     * with the same one-line error. On a failure now the ones already started are closed.
     *
     * @throws ConfigException one line naming the key at fault
     */
    static BackendRegistry start(Collection<CoreSettings.BackendSpec> specs, SortedMap<String, BlobStoreProvider> providers,
                                 Collection<String> now) {
        checkTypes(specs, providers);
        BackendRegistry registry = new BackendRegistry(specs, providers);
        try {
            registry.specs.keySet().stream().filter(now::contains).forEach(registry::get);
            return registry;
        } catch (RuntimeException e) {
            registry.closeStarted(e);
            throw e;
        }
    }

    /** @return the configured backend names, sorted (nothing is started) */
    SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(specs.keySet()));
    }

    /**
     * @param name a backend name
     * @return the backend, started now if it was not yet; null when none of that name is configured
     * @throws ConfigException when it fails to start (a later call tries again)
     * @throws IllegalStateException after {@link #close()}
     */
    synchronized BackendInfo get(String name) {
        CoreSettings.BackendSpec spec = name == null ? null : specs.get(name);
        if (spec == null) {
            return null;
        }
        if (closed) {
            throw new IllegalStateException("the backends are closed");
        }
        BackendInfo info = started.get(name);
        if (info == null) {
            BlobStore raw = create(spec, providers.get(spec.type()));
            BlobStore guarded = DecoratorChain.wrapBackend(spec, raw);
            info = new BackendInfo(spec.name(), spec.type(), spec.jurisdiction(), spec.certifications(), guarded);
            started.put(name, info);
            LOG.infof("backend %s: type %s, jurisdiction %s, timeout %s", spec.name(), spec.type(), spec.jurisdiction(), spec.timeout());
        }
        return info;
    }

    private static BlobStore create(CoreSettings.BackendSpec spec, BlobStoreProvider provider) {
        String key = "passerelle.backends." + spec.name();
        try {
            BlobStore store = provider.create(spec.settings());
            if (store == null) {
                throw new ConfigException(key, "provider " + spec.type() + " returned no store");
            }
            return store;
        } catch (ConfigException e) {
            throw e;
        } catch (StorageException e) {
            throw new ConfigException(key, "backend failed to start: " + PropertySnapshot.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new ConfigException(key, "backend failed to start: " + PropertySnapshot.firstLine(String.valueOf(e)), e);
        }
    }

    /**
     * @return every backend by name, starting those not started yet
     * @throws ConfigException when one fails to start
     */
    SortedMap<String, BackendInfo> backends() {
        SortedMap<String, BackendInfo> all = new TreeMap<>();
        for (String name : specs.keySet()) {
            all.put(name, get(name));
        }
        return Collections.unmodifiableSortedMap(all);
    }

    /** Closes every started backend; failures are logged and the rest still closed. */
    @Override
    public void close() {
        closeStarted(null);
    }

    private synchronized void closeStarted(Throwable primary) {
        closed = true;
        closeAll(started.values(), primary);
        started.clear();
    }

    private static void closeAll(Collection<BackendInfo> infos, Throwable primary) {
        for (BackendInfo info : infos) {
            try {
                info.store().close();
            } catch (RuntimeException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    LOG.warnf("closing backend %s failed: %s", info.name(), PropertySnapshot.firstLine(e.getMessage()));
                }
            }
        }
    }
}
