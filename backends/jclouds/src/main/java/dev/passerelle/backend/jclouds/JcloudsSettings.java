package dev.passerelle.backend.jclouds;

import dev.passerelle.api.ListOrder;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings of a {@code jclouds} backend, read from {@link BackendSettings}:
 * {@code provider}, {@code endpoint}, {@code identity}, {@code credential} (or {@code credential-file}),
 * {@code properties.<jclouds property>} passed through to jclouds as they are, and the bridge's own
 * {@code list-order}, {@code max-object-size}, {@code buffer-size}, {@code spill-dir},
 * {@code server-side-copy} and {@code timeout}. The credential is never part of {@link #toString()}.
 */
public final class JcloudsSettings {
    /** Prefix of the settings passed through to jclouds. */
    public static final String PROPERTIES_PREFIX = "properties.";
    /** jclouds' retries of a request (all its retry handlers read it; default 5): always 0 here. */
    static final String MAX_RETRIES = "jclouds.max-retries";
    /** Default in-memory buffer for small or unknown-length uploads. */
    public static final long DEFAULT_BUFFER_SIZE = 8L << 20;

    private final String name;
    private final String provider;
    private final String endpoint;
    private final String identity;
    private final String credential;
    private final Map<String, String> properties;
    private final ProviderProfile profile;
    private final long bufferSize;
    private final Path spillDir;
    private final boolean serverSideCopy;
    private final Duration timeout;

    /**
     * @param settings the backend's settings
     * @throws ConfigException naming the key when a setting is missing or wrong
     */
    public JcloudsSettings(BackendSettings settings) {
        this.name = settings.name();
        this.provider = settings.get(JcloudsKeys.PROVIDER).toLowerCase(Locale.ROOT);
        this.endpoint = settings.find(JcloudsKeys.ENDPOINT).orElse(null);
        this.identity = settings.find(JcloudsKeys.IDENTITY).orElse(null);
        this.credential = settings.secret(JcloudsKeys.CREDENTIAL).orElse(null);
        this.properties = passThrough(settings);
        String retries = properties.get(MAX_RETRIES);
        if (retries != null && !retries.equals("0")) {
            throw new ConfigException(settings.fullKey(PROPERTIES_PREFIX + MAX_RETRIES), "must be 0 or unset: a call is retried by"
                    + " core's one retry layer (retry-max-attempts), never by jclouds as well; see docs/retries.md");
        }
        ProviderProfile defaults = ProviderProfile.of(provider);
        ListOrder order = settings.find(JcloudsKeys.LIST_ORDER).map(v -> listOrder(settings, v)).orElse(defaults.listOrder());
        long maxObjectSize = settings.find(JcloudsKeys.MAX_OBJECT_SIZE).orElse(defaults.maxObjectSize());
        this.profile = new ProviderProfile(order, maxObjectSize, defaults.metadataWireBytes(), defaults.local(), defaults.metadataEntries());
        this.bufferSize = settings.get(JcloudsKeys.BUFFER_SIZE);
        if (bufferSize < 64 * 1024 || bufferSize > (1L << 30)) {
            throw new ConfigException(settings.fullKey("buffer-size"), "must be between 64KiB and 1GiB");
        }
        this.spillDir = settings.find(JcloudsKeys.SPILL_DIR).orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
        if (!Files.isDirectory(spillDir)) {
            throw new ConfigException(settings.fullKey("spill-dir"), "not a directory: " + spillDir);
        }
        this.serverSideCopy = settings.get(JcloudsKeys.SERVER_SIDE_COPY);
        this.timeout = settings.timeout();
        if (provider.equals("filesystem") && !properties.containsKey("jclouds.filesystem.basedir")) {
            throw new ConfigException(settings.fullKey(PROPERTIES_PREFIX + "jclouds.filesystem.basedir"),
                    "missing setting (the directory the filesystem provider stores containers in)");
        }
        if (!profile.local() && (identity == null || credential == null)) {
            String missing = identity == null ? "identity" : "credential";
            throw new ConfigException(settings.fullKey(missing), "missing setting (provider " + provider + " needs identity and credential)");
        }
    }

    private static Map<String, String> passThrough(BackendSettings settings) {
        Map<String, String> m = new TreeMap<>();
        settings.values().forEach((k, v) -> {
            if (k.startsWith(PROPERTIES_PREFIX) && k.length() > PROPERTIES_PREFIX.length() && v != null) {
                m.put(k.substring(PROPERTIES_PREFIX.length()), v.trim());
            }
        });
        return Map.copyOf(m);
    }

    private static ListOrder listOrder(BackendSettings settings, String value) {
        return switch (value.toLowerCase(Locale.ROOT).replace("_", "-")) {
            case "utf8", "utf-8", "utf8-binary", "utf-8-binary" -> ListOrder.UTF8_BINARY;
            case "utf16", "utf-16" -> ListOrder.UTF16;
            default -> throw new ConfigException(settings.fullKey("list-order"), "expected utf-8 or utf-16, got '" + value + "'");
        };
    }

    /** @return the backend's name */
    public String name() {
        return name;
    }

    /** @return the jclouds provider or API id, lowercase */
    public String provider() {
        return provider;
    }

    /** @return the endpoint, if set */
    public Optional<String> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** @return the identity (access key, tenant:user, ...), if set */
    public Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    /** @return the credential, if set; never log it */
    Optional<String> credential() {
        return Optional.ofNullable(credential);
    }

    /**
     * @return the jclouds properties: timeouts from {@code timeout}, no retry of jclouds' own
     *         ({@code jclouds.max-retries=0}: a call is retried by core's call layer), then the
     *         pass-through ones (which win; a retry count other than 0 is refused)
     */
    public Properties jcloudsProperties() {
        Properties p = new Properties();
        String millis = Long.toString(timeout.toMillis());
        p.setProperty("jclouds.so-timeout", millis);
        p.setProperty("jclouds.connection-timeout", millis);
        p.setProperty(MAX_RETRIES, "0");
        properties.forEach(p::setProperty);
        return p;
    }

    /** @return the pass-through properties as given (without the {@code properties.} prefix) */
    public Map<String, String> passThroughProperties() {
        return properties;
    }

    /** @return the provider's profile with the overrides applied */
    ProviderProfile profile() {
        return profile;
    }

    /** @return the most bytes of an upload held in memory; beyond it an unknown-length upload spills to disk */
    public long bufferSize() {
        return bufferSize;
    }

    /** @return where unknown-length uploads larger than the buffer are spilled */
    public Path spillDir() {
        return spillDir;
    }

    /** @return whether copies are done by the host ({@code server-side-copy}, default true) */
    public boolean serverSideCopy() {
        return serverSideCopy;
    }

    @Override
    public String toString() {
        return "JcloudsSettings[name=" + name + ", provider=" + provider + ", endpoint=" + endpoint + ", identity=" + identity
                + ", credential=" + (credential == null ? "unset" : "***") + ", properties=" + properties.keySet() + "]";
    }
}
