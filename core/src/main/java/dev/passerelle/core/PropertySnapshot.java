package dev.passerelle.core;

import dev.passerelle.api.config.BackendKeys;
import dev.passerelle.api.spi.ConfigException;
import io.smallrye.config.EnvConfigSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads every {@code passerelle.backends.*}, {@code passerelle.buckets.*} and top-level core property
 * out of a MicroProfile Config, as dotted names with resolved values (profiles, expressions and
 * ordinals applied by the Config itself).
 *
 * <p>Named maps cannot be discovered by key alone when they come from environment variables
 * ({@code PASSERELLE_BACKENDS_MY_DISK_ROOT} does not say where the name ends). The name is found by
 * matching a name already known from dotted properties, else by the known key it ends with
 * ({@code _TYPE}, {@code _BACKEND}, ...). The rest of the variable becomes a lowercase dashed key.
 * A variable that cannot be split is ignored with a warning.
 */
final class PropertySnapshot {
    static final String PREFIX = "passerelle.";
    static final String BACKENDS = "passerelle.backends.";
    static final String BUCKETS = "passerelle.buckets.";
    static final String STATE_DIR = "passerelle.state-dir";
    static final String DEFAULT_BACKEND = "passerelle.default-backend";

    /** Keys core itself reads under {@code passerelle.backends.<name>.}. */
    static final List<String> BACKEND_KEYS = CoreKeys.COMMON_BACKEND_KEYS.keys().stream()
            .map(k -> k.relativeTo(BackendKeys.PREFIX)).toList();
    /** Keys known under {@code passerelle.buckets.<name>.} (core's and the later decorators'). */
    static final List<String> BUCKET_KEYS = CoreKeys.ALL_BUCKET_KEYS.keys().stream()
            .map(k -> k.relativeTo("passerelle.buckets.<bucket>.")).toList();

    private static final Logger LOG = Logger.getLogger(PropertySnapshot.class);

    private PropertySnapshot() {
    }

    /**
     * @param config the configuration to read
     * @return the dotted properties of core's namespaces with their values, sorted by name
     * @throws ConfigException when a value cannot be resolved (e.g. an expression naming a missing property)
     */
    static SortedMap<String, String> read(Config config) {
        Set<String> dotted = new TreeSet<>();
        List<String> env = new ArrayList<>();
        for (String raw : config.getPropertyNames()) {
            String name = raw;
            if (name.startsWith("%")) {
                int dot = name.indexOf('.');
                if (dot < 0) {
                    continue;
                }
                name = name.substring(dot + 1);
            }
            if (isCoreProperty(name)) {
                dotted.add(name);
            } else if (name.startsWith("PASSERELLE_")) {
                env.add(name);
            }
        }
        // SmallRye lists its own guess of a dotted name for an environment variable (it cannot know
        // where a name ends either: PASSERELLE_BACKENDS_MY_DISK_TYPE -> passerelle.backends.my.disk.type);
        // drop those guesses and translate the variables here instead.
        Set<String> envSet = new TreeSet<>(env);
        Set<String> declared = declaredOutsideEnvironment(config);
        dotted.removeIf(n -> envSet.contains(envForm(n)) && !declared.contains(n));
        dotted.addAll(translateEnv(env, dotted));
        SortedMap<String, String> values = new TreeMap<>();
        for (String name : dotted) {
            Optional<String> value;
            try {
                value = config.getOptionalValue(name, String.class);
            } catch (NoSuchElementException | IllegalArgumentException e) {
                throw new ConfigException(name, "cannot be resolved (" + firstLine(e.getMessage()) + ")");
            }
            if (value.isPresent()) {
                values.put(name, value.get());
            } else {
                String raw = config.getConfigValue(name).getRawValue();
                if (raw != null && !raw.isBlank()) {
                    throw new ConfigException(name, "cannot be resolved: its value refers to a property that is not set");
                }
            }
        }
        return values;
    }

    /** @return the names the non-environment sources declare (profile prefixes removed) */
    static Set<String> declaredOutsideEnvironment(Config config) {
        Set<String> names = new TreeSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            if (source instanceof EnvConfigSource || source.getName().contains("EnvConfigSource")) {
                continue;
            }
            for (String n : source.getPropertyNames()) {
                names.add(n.startsWith("%") && n.indexOf('.') > 0 ? n.substring(n.indexOf('.') + 1) : n);
            }
        }
        return names;
    }

    private static boolean isCoreProperty(String name) {
        return name.startsWith(BACKENDS) || name.startsWith(BUCKETS) || name.equals(STATE_DIR) || name.equals(DEFAULT_BACKEND);
    }

    /** Turns environment variable names into dotted property names. */
    static List<String> translateEnv(List<String> envNames, Set<String> dotted) {
        List<String> out = new ArrayList<>();
        Set<String> backendNames = namesUnder(dotted, BACKENDS);
        Set<String> bucketNames = namesUnder(dotted, BUCKETS);
        // first pass: names anchored by a known key, so the second pass can split the other variables
        for (String env : envNames) {
            anchored(env, "PASSERELLE_BACKENDS_", BACKEND_KEYS).ifPresent(backendNames::add);
            anchored(env, "PASSERELLE_BUCKETS_", BUCKET_KEYS).ifPresent(bucketNames::add);
        }
        for (String env : envNames) {
            if (env.equals("PASSERELLE_STATE_DIR")) {
                out.add(STATE_DIR);
            } else if (env.equals("PASSERELLE_DEFAULT_BACKEND")) {
                out.add(DEFAULT_BACKEND);
            } else if (env.startsWith("PASSERELLE_BACKENDS_")) {
                split(env, "PASSERELLE_BACKENDS_", backendNames).ifPresentOrElse(out::add, () -> warn(env));
            } else if (env.startsWith("PASSERELLE_BUCKETS_")) {
                split(env, "PASSERELLE_BUCKETS_", bucketNames).ifPresentOrElse(out::add, () -> warn(env));
            }
        }
        return out;
    }

    private static void warn(String env) {
        LOG.warnf("ignoring environment variable %s: cannot tell where the name ends; set the %s_TYPE/_BACKEND variable or use a dotted property", env, env);
    }

    /** @return the names of the map entries under a prefix ({@code passerelle.backends.NAME.key}) */
    static Set<String> namesUnder(Set<String> dotted, String prefix) {
        Set<String> names = new TreeSet<>();
        for (String n : dotted) {
            if (n.startsWith(prefix)) {
                int dot = n.indexOf('.', prefix.length());
                names.add(dot < 0 ? n.substring(prefix.length()) : n.substring(prefix.length(), dot));
            }
        }
        return names;
    }

    /**
     * @return the map-entry name of an environment variable that ends with one of the known keys
     *         ({@code PASSERELLE_KEYS_KEK_2026_FILE} with prefix {@code PASSERELLE_KEYS_} and key {@code file}
     *         gives {@code kek-2026}), lower case with '_' as '-'
     */
    static Optional<String> anchored(String env, String envPrefix, List<String> keys) {
        if (!env.startsWith(envPrefix)) {
            return Optional.empty();
        }
        String rest = env.substring(envPrefix.length());
        return keys.stream()
                .map(k -> "_" + envForm(k))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .filter(suffix -> rest.endsWith(suffix) && rest.length() > suffix.length())
                .findFirst()
                .map(suffix -> rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static Optional<String> split(String env, String envPrefix, Set<String> knownNames) {
        String rest = env.substring(envPrefix.length());
        return knownNames.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .filter(n -> rest.startsWith(envForm(n) + "_") && rest.length() > envForm(n).length() + 1)
                .findFirst()
                .map(n -> envPrefix.toLowerCase(Locale.ROOT).replace('_', '.') + n + "."
                        + rest.substring(envForm(n).length() + 1).toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** @return the environment-variable form of a name segment (upper case, non-alphanumerics as '_') */
    static String envForm(String segment) {
        StringBuilder sb = new StringBuilder(segment.length());
        for (char c : segment.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }

    /**
     * @return the value of a property, if set
     * @throws ConfigException when the value cannot be resolved
     */
    static Optional<String> value(Config config, String name) {
        try {
            return config.getOptionalValue(name, String.class);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            throw new ConfigException(name, "cannot be resolved (" + firstLine(e.getMessage()) + ")");
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
