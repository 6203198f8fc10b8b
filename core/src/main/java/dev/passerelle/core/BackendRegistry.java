package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.BlobStoreProvider;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.core.decorators.TimeoutBlobStore;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Collections;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The started backends: each built by its {@link BlobStoreProvider} (found through
 * {@link ServiceLoader}) and wrapped in a {@link TimeoutBlobStore}.
 */
final class BackendRegistry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackendRegistry.class);

    private final SortedMap<String, BackendInfo> backends;

    private BackendRegistry(SortedMap<String, BackendInfo> backends) {
        this.backends = Collections.unmodifiableSortedMap(backends);
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
        }
    }

    /**
     * Starts every backend. On any failure the ones already started are closed.
     *
     * @throws ConfigException one line naming the key at fault
     */
    static BackendRegistry start(Collection<CoreSettings.BackendSpec> specs, SortedMap<String, BlobStoreProvider> providers) {
        checkTypes(specs, providers);
        SortedMap<String, BackendInfo> started = new TreeMap<>();
        try {
            for (CoreSettings.BackendSpec spec : specs) {
                BlobStore raw = create(spec, providers.get(spec.type()));
                BlobStore guarded = new TimeoutBlobStore(raw, spec.name(), spec.timeout(), spec.maxConcurrentCalls());
                started.put(spec.name(), new BackendInfo(spec.name(), spec.type(), spec.jurisdiction(), spec.certifications(), guarded));
                LOG.infof("backend %s: type %s, jurisdiction %s, timeout %s", spec.name(), spec.type(), spec.jurisdiction(), spec.timeout());
            }
            return new BackendRegistry(started);
        } catch (RuntimeException e) {
            closeAll(started.values(), e);
            throw e;
        }
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

    /** @return the backends by name */
    SortedMap<String, BackendInfo> backends() {
        return backends;
    }

    /** Closes every backend; failures are logged and the rest still closed. */
    @Override
    public void close() {
        closeAll(backends.values(), null);
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
