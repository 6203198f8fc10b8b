package dev.passerelle.gateway.auth;

import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param name the token's configured name, or {@code anonymous}
 * @param access what it may do
 * @param buckets the buckets it may use; {@code *} means all
 */
public record Caller(String name, Access access, Set<String> buckets) {
    /** The name of callers without a token. */
    public static final String ANONYMOUS = "anonymous";

    /** Copies the set. */
    public Caller {
        buckets = Set.copyOf(buckets);
    }

    /** @return whether the caller may use this bucket at all */
    public boolean mayUse(String bucket) {
        return buckets.contains("*") || buckets.contains(bucket);
    }
}
