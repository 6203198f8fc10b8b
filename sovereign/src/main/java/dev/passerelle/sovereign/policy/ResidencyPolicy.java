package dev.passerelle.sovereign.policy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The residency rules, and the pure evaluation of one placement against them. Used at start-up
 * (every configured route), by {@link PolicyBlobStore} on writes, by the migration tool before a
 * copy, and to explain a bucket's placement.
 */
public final class ResidencyPolicy {
    private final Map<String, PolicyRule> rules;

    /** @param rules the rules, by classification */
    public ResidencyPolicy(Map<String, PolicyRule> rules) {
        this.rules = Map.copyOf(new TreeMap<>(rules));
    }

    /** @return the rule of a classification, if any */
    public Optional<PolicyRule> rule(String classification) {
        return Optional.ofNullable(rules.get(classification));
    }

    /** @return every rule, by classification */
    public Map<String, PolicyRule> rules() {
        return rules;
    }

    /**
     * Evaluates one placement.
     *
     * @param bucket the bucket (for messages)
     * @param classification the bucket's classification, or null when it has none
     * @param backend where the bucket's bytes would live
     * @param encrypted whether the bucket is encrypted with an institution-held key ({@code encryption=required})
     * @return the decision, with a one-line explanation naming bucket, backend and rule
     */
    public PolicyDecision evaluate(String bucket, String classification, BackendResidency backend, boolean encrypted) {
        String where = "bucket '" + bucket + "'" + (classification == null ? "" : " (classification " + classification + ")")
                + " on backend '" + backend.backend() + "' (jurisdiction " + backend.jurisdiction() + ")";
        if (classification == null) {
            return PolicyDecision.allow("none", where + ": the bucket has no classification, so no residency rule applies");
        }
        PolicyRule rule = rules.get(classification);
        if (rule == null) {
            return PolicyDecision.deny("passerelle.policy." + classification, where + " breaks the policy: no rule passerelle.policy."
                    + classification + ".* is defined for its classification");
        }
        if (Jurisdictions.UNKNOWN.equals(backend.jurisdiction())) {
            return PolicyDecision.deny(rule.key("allowed-jurisdictions"), where + " breaks " + rule.key("allowed-jurisdictions")
                    + ": the backend declares no jurisdiction (passerelle.backends." + backend.backend() + ".jurisdiction), and UNKNOWN is never allowed");
        }
        Set<String> missing = new TreeSet<>(rule.requiredCertifications());
        missing.removeAll(backend.certifications());
        if (!missing.isEmpty()) {
            return PolicyDecision.deny(rule.key("required-certifications"), where + " breaks " + rule.certificationsSetting()
                    + ": the backend lacks " + String.join(", ", missing) + " (passerelle.backends." + backend.backend() + ".certifications)");
        }
        String certs = rule.requiredCertifications().isEmpty() ? "" : " and holds " + String.join(", ", rule.requiredCertifications());
        if (rule.allowedJurisdictions().isEmpty() || Jurisdictions.isWithin(backend.jurisdiction(), rule.allowedJurisdictions())) {
            String by = rule.allowedJurisdictions().isEmpty() ? rule.key("allowed-jurisdictions") + " (unset: any declared jurisdiction)"
                    : rule.jurisdictionsSetting();
            return PolicyDecision.allow(rule.key("allowed-jurisdictions"), where + " is allowed by " + by + certs);
        }
        if (rule.unlessEncrypted() && encrypted) {
            return PolicyDecision.allow(rule.key("unless-encrypted"), where + " is outside " + rule.jurisdictionsSetting()
                    + " but allowed by " + rule.key("unless-encrypted") + "=true: the bucket is encrypted with an institution-held key" + certs);
        }
        String hint = rule.unlessEncrypted() ? " (" + rule.key("unless-encrypted") + "=true, but passerelle.buckets." + bucket
                + ".encryption is not required)" : "";
        return PolicyDecision.deny(rule.key("allowed-jurisdictions"), where + " breaks " + rule.jurisdictionsSetting() + hint);
    }
}
