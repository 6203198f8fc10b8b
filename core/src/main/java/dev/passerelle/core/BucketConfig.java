package dev.passerelle.core;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of one configured bucket ({@code passerelle.buckets.<name>.*}), validated and resolved.
 *
 * @param name the bucket name
 * @param backend the backend it is routed to ({@code backend}, else the default backend)
 * @param container the container at the backend ({@code container}, else the bucket name)
 * @param readOnly {@code read-only}: writes and deletes are refused
 * @param settings every other setting of the bucket, by key without the {@code passerelle.buckets.<name>.}
 *                 prefix (e.g. {@code encryption}, {@code classification}, {@code retry-max-attempts}),
 *                 for decorators
 */
public record BucketConfig(String name, String backend, String container, boolean readOnly, Map<String, String> settings) {

    /** Copies the settings into an immutable sorted map. */
    public BucketConfig {
        settings = Map.copyOf(new TreeMap<>(settings));
    }

    /** @return the value of one other setting, if set and not blank */
    public Optional<String> setting(String key) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** @return the full configuration key of a setting of this bucket, for messages */
    public String fullKey(String key) {
        return fullKey(name, key);
    }

    /** @return the full configuration key of a setting of the named bucket */
    public static String fullKey(String bucket, String key) {
        return "passerelle.buckets." + bucket + "." + key;
    }
}
