package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.sovereign.audit.AuditHead;
import dev.passerelle.sovereign.audit.AuditLog;
import dev.passerelle.sovereign.audit.AuditRecord;
import dev.passerelle.sovereign.audit.AuditSettings;
import dev.passerelle.sovereign.audit.AuditingBlobStore;
import dev.passerelle.sovereign.config.OwnerOnlyFiles;
import dev.passerelle.sovereign.config.SovereignConfig;
import dev.passerelle.sovereign.config.SovereignProperties;
import dev.passerelle.sovereign.crypto.EncryptingBlobStore;
import dev.passerelle.sovereign.policy.PolicyBlobStore;
import dev.passerelle.sovereign.policy.PolicyDecision;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The sovereign layers of the decorator chain (audit, policy, encryption), read from
 * {@code passerelle.keys.*}, {@code passerelle.policy.*}, {@code passerelle.audit.*} and the
 * per-bucket {@code encryption}, {@code classification} and {@code audit} settings. Everything is
 * validated by {@link #read}, before any backend starts; the audit file is opened once per process by
 * {@link #openAudit} and closed by {@link #close()}.
 */
final class SovereignLayers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SovereignLayers.class);
    private static final String KEYS = "passerelle.keys.";
    private static final String POLICY = "passerelle.policy.";
    private static final String AUDIT = "passerelle.audit.";
    /** Settings read by name, so that their environment variables work as in any Quarkus application. */
    private static final List<String> FIXED = List.of("passerelle.keys.current", "passerelle.audit.key-file",
            "passerelle.audit.file", "passerelle.audit.instance");
    private static final List<String> KEY_SETTINGS = List.of("file", "base64", "keystore", "alias", "password", "password-file");
    private static final List<String> RULE_SETTINGS = List.of("allowed-jurisdictions", "required-certifications", "unless-encrypted");

    private final SovereignProperties props;
    private final SovereignConfig config;
    private final Optional<AuditSettings> audit;
    private AuditLog log;

    private SovereignLayers(SovereignProperties props, SovereignConfig config, Optional<AuditSettings> audit) {
        this.props = props;
        this.config = config;
        this.audit = audit;
    }

    /**
     * Reads and validates the sovereign settings, including every configured route against the
     * residency policy.
     *
     * @param source the application's configuration (for the keys, policy and audit namespaces)
     * @param snapshot core's own properties (backends and buckets, environment variables translated)
     * @param settings core's parsed settings (default backend and state directory, as resolved)
     * @throws ConfigException one line naming the key; a route that breaks the policy names bucket, backend and rule
     */
    static SovereignLayers read(Config source, SortedMap<String, String> snapshot, CoreSettings settings) {
        SovereignProperties props = SovereignProperties.of(properties(source, snapshot, settings));
        SovereignConfig config = SovereignConfig.from(props);
        config.requireCompliantRoutes();
        Optional<AuditSettings> audit = AuditSettings.from(props);
        for (String bucket : settings.buckets.keySet()) {
            AuditSettings.auditsBucket(props, bucket);
        }
        audit.ifPresent(a -> PathChecks.checkOutsideRoots(AUDIT + "file", CoreSettings.path(AUDIT + "file", a.file().toString()),
                settings.backends.values()));
        warnOnSecretsOpenToOthers(props);
        return new SovereignLayers(props, config, audit);
    }

    /** Warns (never refuses) for every secret file (KEKs, keystores, their passwords, the audit key) that others may read. */
    private static void warnOnSecretsOpenToOthers(SovereignProperties props) {
        List<String> secrets = new ArrayList<>();
        for (String k : props.keysUnder(KEYS)) {
            if (k.endsWith(".file") || k.endsWith(".keystore") || k.endsWith(".password-file")) {
                secrets.add(k);
            }
        }
        secrets.add(AUDIT + "key-file");
        for (String k : secrets) {
            props.get(k).map(java.nio.file.Path::of).filter(java.nio.file.Files::isRegularFile).ifPresent(f -> warnIfOpenToOthers(k, f));
        }
    }

    private static Map<String, String> properties(Config source, SortedMap<String, String> snapshot, CoreSettings settings) {
        SortedMap<String, String> m = new TreeMap<>();
        List<String> dotted = new ArrayList<>();
        List<String> env = new ArrayList<>();
        for (String raw : source.getPropertyNames()) {
            String name = raw.startsWith("%") && raw.indexOf('.') > 0 ? raw.substring(raw.indexOf('.') + 1) : raw;
            if (name.startsWith(KEYS) || name.startsWith(POLICY) || name.startsWith(AUDIT)) {
                dotted.add(name);
            } else if (name.startsWith("PASSERELLE_")) {
                env.add(name);
            }
        }
        // as in PropertySnapshot: drop SmallRye's own guesses at dotted names for environment variables
        java.util.Set<String> declared = PropertySnapshot.declaredOutsideEnvironment(source);
        dotted.removeIf(n -> env.contains(PropertySnapshot.envForm(n)) && !declared.contains(n));
        for (String name : dotted) {
            PropertySnapshot.value(source, name).ifPresent(v -> m.put(name, v));
        }
        for (String name : FIXED) {
            PropertySnapshot.value(source, name).ifPresent(v -> m.put(name, v));
        }
        for (String e : env) {
            fromEnvironment(e).ifPresent(name -> PropertySnapshot.value(source, name).ifPresent(v -> m.putIfAbsent(name, v)));
        }
        m.putAll(snapshot);
        // the route and paths exactly as core resolved them (the default backend may be implicit)
        if (settings.defaultBackend != null) {
            m.put(PropertySnapshot.DEFAULT_BACKEND, settings.defaultBackend);
        }
        m.put(PropertySnapshot.STATE_DIR, settings.stateDir.toString());
        return m;
    }

    /** @return the dotted name of {@code PASSERELLE_KEYS_<ID>_<SETTING>} or {@code PASSERELLE_POLICY_<CLASS>_<SETTING>} */
    static Optional<String> fromEnvironment(String env) {
        for (String[] ns : new String[][] {{"PASSERELLE_KEYS_", KEYS}, {"PASSERELLE_POLICY_", POLICY}}) {
            List<String> known = ns[1].equals(KEYS) ? KEY_SETTINGS : RULE_SETTINGS;
            Optional<String> name = PropertySnapshot.anchored(env, ns[0], known);
            if (name.isPresent()) {
                String setting = known.stream().filter(k -> env.endsWith("_" + PropertySnapshot.envForm(k)))
                        .max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow();
                return Optional.of(ns[1] + name.get() + "." + setting);
            }
        }
        return Optional.empty();
    }

    /**
     * Opens the audit file when auditing is configured ({@code passerelle.audit.key-file}).
     *
     * @throws ConfigException naming {@code passerelle.audit.file} when it cannot be opened (locked, torn last line...)
     */
    void openAudit() {
        if (audit.isPresent() && log == null) {
            try {
                log = AuditLog.open(audit.get().file(), audit.get().key(), audit.get().instance());
                warnIfOpenToOthers(AUDIT + "file", audit.get().file());
            } catch (IOException e) {
                throw new ConfigException(AUDIT + "file", PropertySnapshot.firstLine(e.getMessage()), e);
            }
            LOG.infof("audit trail: %s", audit.get().file().toAbsolutePath());
            publishHead("at start-up");
        }
    }

    private static void warnIfOpenToOthers(String key, java.nio.file.Path file) {
        try {
            OwnerOnlyFiles.openToOthers(file).ifPresent(why -> LOG.warnf("SECURITY: %s: %s is readable beyond its owner, %s", key, file, why));
        } catch (IOException e) {
            LOG.warnf("%s: cannot read the permissions of %s: %s", key, file, PropertySnapshot.firstLine(e.getMessage()));
        }
    }

    /**
     * Logs the audit chain's head ({@code audit head (when): {json}}), the checkpoint an operator keeps
     * off the host to detect a cut tail.
     *
     * @param when e.g. {@code at start-up}
     * @return the head, or empty when auditing is off
     */
    Optional<AuditHead> publishHead(String when) {
        Optional<AuditHead> head = auditHead();
        head.ifPresent(h -> LOG.infof("audit head %s: %s", when, h.toJson()));
        return head;
    }

    /** @return the audit chain's head now, or empty when auditing is off */
    Optional<AuditHead> auditHead() {
        return log == null ? Optional.empty() : Optional.of(log.head());
    }

    /**
     * Appends the line of a request refused before it reached a bucket's store (not forced to disk,
     * as reads); a line that cannot be written is logged, and the refusal stands.
     */
    void auditRefusal(AuditRecord record) {
        if (log == null || (record.bucket() != null && !AuditSettings.auditsBucket(props, record.bucket()))) {
            return;
        }
        try {
            log.append(record, false);
        } catch (IOException e) {
            LOG.warnf("the audit line of a refused request (%s) could not be written: %s", record.requestId(),
                    PropertySnapshot.firstLine(e.getMessage()));
        }
    }

    /** @return the chain with the audit, policy and encryption layers filled */
    DecoratorChain addTo(DecoratorChain chain) {
        return chain.with(DecoratorChain.Layer.AUDIT, this::audit)
                .with(DecoratorChain.Layer.POLICY, this::policy)
                .with(DecoratorChain.Layer.ENCRYPTION, this::encryption);
    }

    private BlobStore audit(BlobStore inner, BucketConfig bucket, BackendInfo backend) {
        if (log == null || !AuditSettings.auditsBucket(props, bucket.name())) {
            return inner;
        }
        return new AuditingBlobStore(inner, log, backend.name());
    }

    /** On for a bucket with a classification: every write is checked against the bucket's own decision. */
    private BlobStore policy(BlobStore inner, BucketConfig bucket, BackendInfo backend) {
        if (config.classification(bucket.name()).isEmpty()) {
            return inner;
        }
        return new PolicyBlobStore(inner, container -> config.decide(bucket.name(), backend.name()));
    }

    private BlobStore encryption(BlobStore inner, BucketConfig bucket, BackendInfo backend) {
        if (!config.encrypted(bucket.name())) {
            return inner;
        }
        try {
            return new EncryptingBlobStore(inner, config.keys().orElseThrow(), true, bucket.name());
        } catch (StorageException e) {
            throw new ConfigException(bucket.fullKey("encryption"), "backend " + backend.name() + ": " + e.detail());
        }
    }

    /** @return the validated sovereign settings */
    SovereignConfig config() {
        return config;
    }

    /** @return the audit settings, if auditing is configured */
    Optional<AuditSettings> auditSettings() {
        return audit;
    }

    /** @return the decision of placing a bucket on a backend */
    PolicyDecision decide(String bucket, String backend) {
        return config.decide(bucket, backend);
    }

    /** Forces and closes the audit file, if open. */
    @Override
    public void close() {
        if (log != null) {
            try {
                publishHead("at shutdown");
                log.close();
            } catch (IOException e) {
                LOG.warnf("closing the audit file failed: %s", PropertySnapshot.firstLine(e.getMessage()));
            }
        }
    }
}
