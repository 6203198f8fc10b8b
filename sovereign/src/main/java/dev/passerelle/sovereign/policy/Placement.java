package dev.passerelle.sovereign.policy;

import java.util.Set;

/**
 * Where a bucket lives and why that is allowed: the body of {@code GET /api/v1/buckets/{bucket}/placement}.
 *
 * @param bucket the bucket
 * @param backend the backend its bytes are routed to
 * @param jurisdiction the backend's jurisdiction (or UNKNOWN)
 * @param certifications the backend's certifications
 * @param classification the bucket's classification, or null
 * @param encryption {@code required} or {@code none}
 * @param kekId the KEK new objects are wrapped under when encrypted, else null (an id, never key material)
 * @param allowed whether the placement complies with the policy
 * @param rule the configuration key of the deciding rule, or {@code none}
 * @param explanation one line: which rule allows it, or the violation
 */
public record Placement(String bucket, String backend, String jurisdiction, Set<String> certifications, String classification,
                        String encryption, String kekId, boolean allowed, String rule, String explanation) {

    /** Copies the certifications. */
    public Placement {
        certifications = Set.copyOf(certifications);
    }
}
