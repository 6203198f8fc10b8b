package dev.passerelle.sovereign.policy;

import java.util.Set;
import java.util.TreeSet;

/**
 * Where a backend keeps bytes and what it is certified for, from
 * {@code passerelle.backends.<name>.jurisdiction} and {@code .certifications}.
 *
 * @param backend the backend's name
 * @param jurisdiction an ISO country code, {@code EU}, or {@link Jurisdictions#UNKNOWN}
 * @param certifications upper-case certification names (e.g. {@code HDS}, {@code SECNUMCLOUD})
 */
public record BackendResidency(String backend, String jurisdiction, Set<String> certifications) {

    /** Copies the certifications. */
    public BackendResidency {
        jurisdiction = jurisdiction == null ? Jurisdictions.UNKNOWN : jurisdiction;
        certifications = Set.copyOf(new TreeSet<>(certifications));
    }
}
