package dev.passerelle.migrate.cli;

import dev.passerelle.core.Passerelle;
import dev.passerelle.migrate.Endpoint;
import dev.passerelle.migrate.UsageException;
import dev.passerelle.sovereign.policy.PolicyDecision;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The residency check of a migration, made before any byte moves: whose data is at the source, and
 * may that bucket's data be placed on the destination backend?
 *
 * <p>The source location addresses a container directly, so the bucket is found from the routes:
 * the bucket whose route ends at the source container ({@link Passerelle#bucketAt}); else, when a
 * bucket of the container's name is configured, that bucket (its data copied elsewhere earlier, or
 * being copied back); else there is no classification and no rule applies. The bucket's own settings
 * decide (its classification, and whether it is encrypted: copies move stored bytes, so an encrypted
 * bucket's objects arrive as ciphertext with their envelope, readable only with the same KEKs).
 */
final class ResidencyCheck {
    private ResidencyCheck() {
    }

    /**
     * The outcome of the check of one migration.
     *
     * @param bucket the bucket whose settings decided, or null when the source belongs to no bucket
     * @param decision the decision (allowing) for that bucket on the destination backend
     */
    record Outcome(String bucket, PolicyDecision decision) {

        /** @return what the report records about the decision */
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", bucket);
            m.put("rule", decision.rule());
            m.put("explanation", decision.explanation());
            return m;
        }
    }

    /**
     * @param p the configuration's instance
     * @param src the source
     * @param dst the destination
     * @return the allowing decision
     * @throws UsageException (exit 2) with the decision's one-line explanation when the destination breaks the policy
     */
    static Outcome require(Passerelle p, Endpoint src, Endpoint dst) {
        Optional<String> bucket = bucketOf(p, src);
        if (bucket.isEmpty()) {
            return new Outcome(null, PolicyDecision.allow("none", "the source " + src.location()
                    + " belongs to no configured bucket, so no residency rule applies"));
        }
        PolicyDecision d = p.decide(bucket.get(), dst.location().backend());
        if (!d.allowed()) {
            throw new UsageException("policy refusal: copying " + src.location() + " to " + dst.location() + " refused, nothing copied: "
                    + d.explanation());
        }
        if (p.keys().isPresent() && p.placement(bucket.get()).encryption().equals("required")) {
            requireSameBinding(p, bucket.get(), src, dst);
        }
        return new Outcome(bucket.get(), d);
    }

    /**
     * Encrypted objects are bound to their bucket name and key (envelope version 2): they open only
     * where the same bucket routes, under the same keys. A copy that changes the keys (another prefix)
     * or lands in a container another configured bucket owns would give objects that never open there.
     *
     * @throws UsageException (exit 2) naming the binding, before any byte moves
     */
    private static void requireSameBinding(Passerelle p, String bucket, Endpoint src, Endpoint dst) {
        String why = null;
        if (!src.location().prefix().equals(dst.location().prefix())) {
            why = "the copy would change their keys (prefix '" + src.location().prefix() + "' to '" + dst.location().prefix() + "')";
        } else {
            Optional<String> owner = p.bucketAt(dst.location().backend(), dst.container()).filter(b -> p.bucketConfig(b).isPresent());
            if (owner.isPresent() && !owner.get().equals(bucket)) {
                why = "the destination belongs to bucket '" + owner.get() + "'";
            }
        }
        if (why != null) {
            throw new UsageException("copying " + src.location() + " to " + dst.location() + " refused, nothing copied: the objects of "
                    + "encrypted bucket '" + bucket + "' are bound to that bucket name and their keys, and " + why
                    + ", so they would not open there; copy to the same keys, into a container that bucket '" + bucket + "' is routed to next");
        }
    }

    /** @return the bucket whose data the source holds, if any */
    static Optional<String> bucketOf(Passerelle p, Endpoint src) {
        Optional<String> routed = p.bucketAt(src.location().backend(), src.container());
        if (routed.isPresent()) {
            return routed;
        }
        return p.bucketConfig(src.container()).isPresent() ? Optional.of(src.container()) : Optional.empty();
    }
}
