package dev.passerelle.migrate;

import dev.passerelle.api.Names;
import dev.passerelle.api.StorageException;

/**
 * A place objects are migrated from or to: {@code BACKEND:bucket[/prefix]}. The bucket is the
 * backend's container, addressed directly (no bucket routing). A non-empty prefix is treated as a
 * folder: {@code local:b/photos} and {@code local:b/photos/} both mean the keys under {@code photos/}.
 *
 * @param backend the configured backend name ({@code passerelle.backends.<name>})
 * @param container the container (bucket) at that backend
 * @param prefix the key prefix, empty or ending with {@code /}
 */
public record Location(String backend, String container, String prefix) {

    /**
     * Parses {@code BACKEND:bucket[/prefix]}.
     *
     * @param text what the operator typed
     * @return the location
     * @throws UsageException when it is malformed (the message quotes the expected form)
     */
    public static Location parse(String text) {
        if (text == null || text.isBlank()) {
            throw new UsageException("missing location: expected BACKEND:bucket[/prefix]");
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException("malformed location '" + text + "': expected BACKEND:bucket[/prefix], e.g. local:photos/2024");
        }
        String backend = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        int slash = rest.indexOf('/');
        String container = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!backend.matches("[A-Za-z0-9_.-]+")) {
            throw new UsageException("malformed location '" + text + "': backend name '" + backend + "' may hold only letters, digits, '-', '_' and '.'");
        }
        try {
            Names.validateContainer(container);
        } catch (StorageException e) {
            throw new UsageException("malformed location '" + text + "': " + e.detail());
        }
        if (prefix.startsWith("/") || prefix.contains("//")) {
            throw new UsageException("malformed location '" + text + "': the prefix must not start with '/' nor contain '//'");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new Location(backend, container, prefix);
    }

    /** @return the full key at this location of a key relative to the prefix */
    public String fullKey(String relativeKey) {
        return prefix + relativeKey;
    }

    /** @return {@code BACKEND:bucket[/prefix]} as the operator would type it */
    @Override
    public String toString() {
        return backend + ":" + container + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
