package dev.passerelle.api.config;

import dev.passerelle.api.spi.ConfigException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings one component declares (core, sovereign, the gateway, the migration tool, each backend
 * type): a title for the reference, a short introduction, and the keys. The unknown-key check and the
 * validation of values work on a list of these.
 *
 * @param component a short id ({@code core}, {@code backend-s3}); sorts the reference
 * @param title the section title in the reference
 * @param intro one paragraph for the reference (may be empty)
 * @param keys the keys, in the order the reference lists them
 */
public record ConfigKeys(String component, String title, String intro, List<ConfigKey<?>> keys) {

    /** Copies the keys. */
    public ConfigKeys {
        keys = List.copyOf(keys);
    }

    /** @return the declaration of a component */
    public static ConfigKeys of(String component, String title, String intro, ConfigKey<?>... keys) {
        return new ConfigKeys(component, title, intro, List.of(keys));
    }

    /** @return the declared key a full key is (or the {@code -file} form of), if any */
    public Optional<ConfigKey<?>> find(String fullKey) {
        return keys.stream().filter(k -> k.matches(fullKey)).findFirst();
    }

    /** @return the declared key a full key is, among several declarations */
    public static Optional<ConfigKey<?>> find(Collection<ConfigKeys> declarations, String fullKey) {
        return declarations.stream().map(d -> d.find(fullKey)).flatMap(Optional::stream).findFirst();
    }

    /**
     * The unknown-key check, then the validation of every value: each given key must be declared by
     * one of {@code declarations}, and its value must parse by its declared type.
     *
     * @param values full keys and their values (blank values are ignored)
     * @param declarations the declarations that may own them
     * @throws ConfigException naming the first key (in sorted order) that is unknown or malformed; an
     *         unknown key's message names the closest declared key when one is close
     */
    public static void check(Map<String, String> values, Collection<ConfigKeys> declarations) {
        List<String> names = new ArrayList<>(values.keySet());
        names.sort(Comparator.naturalOrder());
        for (String name : names) {
            String value = values.get(name);
            Optional<ConfigKey<?>> key = find(declarations, name);
            if (key.isEmpty()) {
                throw new ConfigException(name, "unknown setting" + suggestion(name, declarations));
            }
            if (value != null && !value.isBlank() && !key.get().isFileForm(name)) {
                key.get().parseValue(name, value);
            }
        }
    }

    /** @return {@code " (did you mean X?)"} for the declared key closest to {@code name}, or empty */
    static String suggestion(String name, Collection<ConfigKeys> declarations) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKeys d : declarations) {
            for (ConfigKey<?> k : d.keys()) {
                String candidate = k.name().substring(k.name().lastIndexOf('.') + 1);
                int distance = distance(last, candidate);
                if (distance < bestDistance && !candidate.startsWith("<")) {
                    bestDistance = distance;
                    best = candidate;
                }
            }
        }
        return best != null && bestDistance <= Math.max(2, last.length() / 4) ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
