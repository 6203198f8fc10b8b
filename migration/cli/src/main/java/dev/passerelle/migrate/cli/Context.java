package dev.passerelle.migrate.cli;

import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.core.BackendInfo;
import dev.passerelle.core.Passerelle;
import dev.passerelle.migrate.Endpoint;
import dev.passerelle.migrate.Location;
import dev.passerelle.migrate.UsageException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration and the {@link Passerelle} instance of one command, created lazily inside the
 * command so {@code --config} is honoured. The {@code --config} file is one more config source with
 * ordinal {@value #CONFIG_FILE_ORDINAL}: above application.properties (250), below environment
 * variables (300) and system properties (400), exactly like the gateway's own sources.
 */
public final class Context implements AutoCloseable {
    /** The ordinal of the {@code --config} file. */
    public static final int CONFIG_FILE_ORDINAL = 260;
    private static final String AUDIT_FILE = "passerelle.audit.file";
    private static final String AUDIT_INSTANCE = "passerelle.audit.instance";

    private final Path configFile;
    private final Set<String> upFront = new TreeSet<>();
    private final Set<String> readOnly = new TreeSet<>();
    private Passerelle passerelle;

    /** @param configFile the {@code --config} file, or null */
    public Context(Path configFile) {
        this.configFile = configFile;
    }

    /**
     * @return the configuration: the running app's sources plus the {@code --config} file
     * @throws UsageException when the file cannot be read
     */
    public Config config() {
        return build(sources());
    }

    private List<ConfigSource> sources() {
        List<ConfigSource> sources = new ArrayList<>();
        ConfigProvider.getConfig().getConfigSources().forEach(sources::add);
        if (configFile != null) {
            if (!Files.isRegularFile(configFile) || !Files.isReadable(configFile)) {
                throw new UsageException("--config " + configFile + ": cannot read the file");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("--config " + configFile + ": cannot read the file (" + e.getClass().getSimpleName() + ")");
            }
            Map<String, String> m = new HashMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            sources.add(new PropertiesConfigSource(m, "passerelle-migrate --config " + configFile, CONFIG_FILE_ORDINAL));
        }
        return sources;
    }

    private static Config build(List<ConfigSource> sources) {
        return new SmallRyeConfigBuilder().withSources(sources.toArray(ConfigSource[]::new)).addDefaultInterceptors().build();
    }

    /**
     * The Passerelle instance (created at first use) over {@link #config()}, with the CLI's own audit
     * instance (see {@link #auditInstance(Config)}). Only the backends a command uses are started: those
     * named by {@link #startUpFront} at creation (so a bad one fails before anything is written), any
     * other at its first use. A configuration shared with the gateway may name many, and building a
     * client costs start-up time (about 0.4 s for an Azure one) that a copy between two others should
     * not pay.
     *
     * @return the instance
     * @throws dev.passerelle.api.spi.ConfigException for a bad configuration (including a route that breaks the residency policy)
     */
    public Passerelle passerelle() {
        if (passerelle == null) {
            List<ConfigSource> sources = sources();
            auditInstance(build(sources)).ifPresent(instance -> sources.add(new PropertiesConfigSource(
                    Map.of(AUDIT_INSTANCE, instance), "passerelle-migrate audit instance", Integer.MAX_VALUE)));
            if (!readOnly.isEmpty()) {
                Map<String, String> ro = new HashMap<>();
                readOnly.forEach(b -> ro.put("passerelle.backends." + b + "." + BackendSettings.READ_ONLY, "true"));
                sources.add(new PropertiesConfigSource(ro, "passerelle-migrate read-only command", Integer.MAX_VALUE));
            }
            passerelle = Passerelle.create(build(sources), dev.passerelle.core.decorators.StoreMetrics.NONE, Passerelle.BackendStart.onFirstUse(upFront),
                    Passerelle.DefaultBackend.OPTIONAL);
        }
        return passerelle;
    }

    /**
     * {@code Passerelle.create} opens and locks the audit file when an audit key is configured. Its
     * default, {@code <state-dir>/audit/audit-<instance>.jsonl} with the host name as instance, is the
     * file a gateway on the same host holds, so the CLI names its own instance
     * {@code migrate-<instance or host name>} unless the operator chose a file
     * ({@code passerelle.audit.file}, e.g. with {@code -D}).
     *
     * @param config the configuration as given
     * @return the audit instance to force, or empty to leave the configuration alone
     */
    static Optional<String> auditInstance(Config config) {
        if (config.getOptionalValue(AUDIT_FILE, String.class).filter(v -> !v.isBlank()).isPresent()) {
            return Optional.empty();
        }
        String base = config.getOptionalValue(AUDIT_INSTANCE, String.class).filter(v -> !v.isBlank()).map(String::trim)
                .orElseGet(Context::hostName);
        return Optional.of("migrate-" + base);
    }

    /** The host name as the audit settings derive it (HOSTNAME, else the resolver), reduced to [A-Za-z0-9._-]. */
    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "localhost";
            }
        }
        return h.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Names backends the command will use, started when the Passerelle instance is created.
     *
     * @param backends backend names (unknown ones are reported when resolved)
     * @throws IllegalStateException when the instance already exists
     */
    public void startUpFront(String... backends) {
        if (passerelle != null) {
            throw new IllegalStateException("the backends have started");
        }
        upFront.addAll(List.of(backends));
    }

    /**
     * Opens the backends of these locations read-only ({@link BackendSettings#READ_ONLY}): for a
     * command that writes nothing (plan, dry-run, verify), so that opening a backend creates nothing
     * either (a filesystem backend's root or temporary directory).
     *
     * @param locations locations as typed
     * @throws IllegalStateException when the instance already exists
     * @throws UsageException for a malformed location
     */
    public void openReadOnly(String... locations) {
        if (passerelle != null) {
            throw new IllegalStateException("the backends have started");
        }
        for (String l : locations) {
            readOnly.add(Location.parse(l).backend());
        }
    }

    /**
     * Resolves a source and a destination typed by the operator; both backends start together.
     *
     * @throws UsageException for a malformed location or an unknown backend
     */
    public List<Endpoint> endpoints(String from, String to) {
        if (passerelle == null) {
            startUpFront(Location.parse(from).backend(), Location.parse(to).backend());
        }
        return List.of(endpoint(from), endpoint(to));
    }

    /**
     * Resolves a location typed by the operator.
     *
     * @throws UsageException for a malformed location or an unknown backend
     */
    public Endpoint endpoint(String text) {
        Location loc = Location.parse(text);
        BackendInfo info;
        try {
            info = passerelle().backend(loc.backend());
        } catch (StorageException e) {
            throw new UsageException("unknown backend '" + loc.backend() + "' in '" + text + "': configured backends are "
                    + passerelle().backendNames());
        }
        // under core's call layer: every call of the migration is retried there, and only there
        return new Endpoint(loc, passerelle().backendStore(loc.backend()), info.type(), info.jurisdiction(), info.certifications());
    }

    /** @return the state directory ({@code passerelle.state-dir}) */
    public Path stateDir() {
        return passerelle().stateDir();
    }

    /** Closes the Passerelle instance (its backends' clients). */
    @Override
    public void close() {
        if (passerelle != null) {
            passerelle.close();
        }
    }
}
