package dev.passerelle.sovereign.config;

import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.sovereign.crypto.KeyRing;
import dev.passerelle.sovereign.crypto.KeyRingLoader;
import dev.passerelle.sovereign.policy.BackendResidency;
import dev.passerelle.sovereign.policy.Jurisdictions;
import dev.passerelle.sovereign.policy.Placement;
import dev.passerelle.sovereign.policy.PolicyDecision;
import dev.passerelle.sovereign.policy.PolicyRule;
import dev.passerelle.sovereign.policy.ResidencyPolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sovereign settings of a deployment, read once and validated: KEKs ({@code passerelle.keys.*}),
 * per-bucket {@code encryption}, {@code classification} and {@code backend}, per-backend
 * {@code jurisdiction} and {@code certifications}, and the rules {@code passerelle.policy.*}.
 * Every problem is a {@link ConfigException} naming the key.
 */
public final class SovereignConfig {
    private final SovereignProperties props;
    private final ResidencyPolicy policy;
    private final Optional<KeyRing> keys;

    private SovereignConfig(SovereignProperties props, ResidencyPolicy policy, Optional<KeyRing> keys) {
        this.props = props;
        this.policy = policy;
        this.keys = keys;
    }

    /**
     * Reads and validates the settings (it does not evaluate routes: see {@link #requireCompliantRoutes()}).
     *
     * @throws ConfigException naming the first bad key
     */
    public static SovereignConfig from(SovereignProperties props) {
        ResidencyPolicy policy = readPolicy(props);
        Optional<KeyRing> keys = KeyRingLoader.load(props);
        SovereignConfig c = new SovereignConfig(props, policy, keys);
        for (String b : c.configuredBuckets()) {
            if (c.encrypted(b) && keys.isEmpty()) {
                throw new ConfigException("passerelle.buckets." + b + ".encryption", "is required but no KEK is configured (passerelle.keys.<id>.file or .keystore)");
            }
        }
        for (String backend : props.children("passerelle.backends.")) {
            c.backend(backend);
        }
        return c;
    }

    private static ResidencyPolicy readPolicy(SovereignProperties props) {
        Map<String, PolicyRule> rules = new TreeMap<>();
        ConfigKeys.check(props.valuesUnder("passerelle.policy."), List.of(SovereignKeys.POLICY));
        for (String cls : props.children("passerelle.policy.")) {
            String base = "passerelle.policy." + cls + ".";
            Set<String> jurisdictions = new HashSet<>();
            for (String j : props.find(SovereignKeys.POLICY_JURISDICTIONS, cls).orElse(List.of())) {
                String n = Jurisdictions.normalize(j);
                if (n == null || n.equals(Jurisdictions.UNKNOWN)) {
                    throw new ConfigException(base + "allowed-jurisdictions", "'" + j + "' is not an ISO 3166 country code or EU");
                }
                jurisdictions.add(n);
            }
            Set<String> certs = new HashSet<>();
            props.find(SovereignKeys.POLICY_CERTIFICATIONS, cls).orElse(List.of()).forEach(s -> certs.add(s.toUpperCase(Locale.ROOT)));
            rules.put(cls, new PolicyRule(cls, jurisdictions, certs, props.get(SovereignKeys.POLICY_UNLESS_ENCRYPTED, cls)));
        }
        return new ResidencyPolicy(rules);
    }

    /** @return the residency rules */
    public ResidencyPolicy policy() {
        return policy;
    }

    /** @return the KEKs, if any is configured */
    public Optional<KeyRing> keys() {
        return keys;
    }

    /** @return the buckets named in {@code passerelle.buckets.*} */
    public Set<String> configuredBuckets() {
        return props.children("passerelle.buckets.");
    }

    /**
     * @return the backend a bucket is routed to: {@code passerelle.buckets.<b>.backend}, else {@code passerelle.default-backend}
     * @throws ConfigException when neither is set
     */
    public String backendOf(String bucket) {
        return props.get("passerelle.buckets." + bucket + ".backend")
                .or(() -> props.get("passerelle.default-backend"))
                .orElseThrow(() -> new ConfigException("passerelle.buckets." + bucket + ".backend", "missing setting (and no passerelle.default-backend)"));
    }

    /** @return the bucket's classification, if set */
    public Optional<String> classification(String bucket) {
        return props.find(SovereignKeys.BUCKET_CLASSIFICATION, bucket);
    }

    /**
     * @return whether the bucket is encrypted: {@code passerelle.buckets.<b>.encryption=required} (default {@code none})
     * @throws ConfigException for another value
     */
    public boolean encrypted(String bucket) {
        return props.get(SovereignKeys.BUCKET_ENCRYPTION, bucket).equals("required");
    }

    /**
     * @return a backend's residency from {@code passerelle.backends.<name>.jurisdiction} and {@code .certifications}
     * @throws ConfigException when the jurisdiction is not a valid code
     */
    public BackendResidency backend(String name) {
        String key = SovereignKeys.BACKEND_JURISDICTION.bind(name);
        String raw = props.get(key).orElse(null);
        String j = Jurisdictions.normalize(raw);
        if (j == null) {
            throw new ConfigException(key, "'" + raw + "' is not an ISO 3166 country code or EU");
        }
        Set<String> certs = new HashSet<>();
        props.find(SovereignKeys.BACKEND_CERTIFICATIONS, name).orElse(List.of()).forEach(s -> certs.add(s.toUpperCase(Locale.ROOT)));
        return new BackendResidency(name, j, certs);
    }

    /**
     * Evaluates placing a bucket (its classification and encryption) on a backend: used for its
     * configured route, and by the migration tool for a destination before copying.
     */
    public PolicyDecision decide(String bucket, String backend) {
        return policy.evaluate(bucket, classification(bucket).orElse(null), backend(backend), encrypted(bucket));
    }

    /** @return where the bucket lives and which rule allows it (or the violation) */
    public Placement placement(String bucket) {
        String backend = backendOf(bucket);
        BackendResidency r = backend(backend);
        PolicyDecision d = decide(bucket, backend);
        boolean enc = encrypted(bucket);
        return new Placement(bucket, backend, r.jurisdiction(), r.certifications(), classification(bucket).orElse(null),
                enc ? "required" : "none", enc ? keys.map(KeyRing::currentId).orElse(null) : null, d.allowed(), d.rule(), d.explanation());
    }

    /** @return the decision of every configured bucket's route, in bucket order */
    public List<PolicyDecision> checkRoutes() {
        List<PolicyDecision> out = new ArrayList<>();
        for (String b : configuredBuckets()) {
            out.add(decide(b, backendOf(b)));
        }
        return out;
    }

    /**
     * Start-up validation: the gateway refuses to start when a configured route breaks the policy.
     *
     * @throws ConfigException on the first violating route; its one-line message names bucket, backend and rule
     */
    public void requireCompliantRoutes() {
        for (String b : configuredBuckets()) {
            PolicyDecision d = decide(b, backendOf(b));
            if (!d.allowed()) {
                throw new ConfigException("passerelle.buckets." + b + ".backend", d.explanation());
            }
        }
    }
}
