package dev.passerelle.sovereign.policy;

import java.util.Set;
import java.util.TreeSet;

/**
 * The residency rule of one data classification, from {@code passerelle.policy.<classification>.*}.
 *
 * @param classification e.g. {@code health}
 * @param allowedJurisdictions where the bytes may live ({@code EU} covers its member states); empty: any declared jurisdiction
 * @param requiredCertifications certifications the host must hold (e.g. {@code HDS}), upper-case
 * @param unlessEncrypted whether a host outside the allowed jurisdictions is accepted when the bucket is
 *                        encrypted with an institution-held key (certifications are still required)
 */
public record PolicyRule(String classification, Set<String> allowedJurisdictions, Set<String> requiredCertifications, boolean unlessEncrypted) {

    /** Copies the sets into sorted immutable ones. */
    public PolicyRule {
        allowedJurisdictions = Set.copyOf(new TreeSet<>(allowedJurisdictions));
        requiredCertifications = Set.copyOf(new TreeSet<>(requiredCertifications));
    }

    /** @return the full configuration key of one of this rule's settings, for messages */
    public String key(String setting) {
        return "passerelle.policy." + classification + "." + setting;
    }

    /** @return {@code key=value} of the allowed jurisdictions, for messages */
    public String jurisdictionsSetting() {
        return key("allowed-jurisdictions") + "=" + String.join(",", new TreeSet<>(allowedJurisdictions));
    }

    /** @return {@code key=value} of the required certifications, for messages */
    public String certificationsSetting() {
        return key("required-certifications") + "=" + String.join(",", new TreeSet<>(requiredCertifications));
    }
}
