package dev.passerelle.core;

import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.api.config.ConfigValues;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.sovereign.config.SovereignKeys;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Declared reads over a MicroProfile Config for the applications on top of core (the gateway, the
 * CLI): typed reads of declared keys, the entries of a named map (whose names environment variables
 * cannot delimit by themselves), and the unknown-key check of every {@code passerelle.*} key.
 */
public final class ConfigProperties {
    private static final Logger LOG = Logger.getLogger(ConfigProperties.class);
    /** Namespaces core and the sovereign controls check themselves, key by key, when {@link Passerelle} is created. */
    private static final List<String> CHECKED_BY_CORE = List.of("passerelle.backends.", "passerelle.buckets.", "passerelle.keys.", "passerelle.policy.");

    private ConfigProperties() {
    }

    /** @return typed reads of declared keys over the configuration */
    public static ConfigValues values(Config config) {
        return ConfigValues.of(name -> PropertySnapshot.value(config, name));
    }

    /**
     * The entries of a named map such as {@code passerelle.auth.tokens.<name>.*}, from dotted
     * properties and from environment variables (a variable's name is delimited by a known key it
     * ends with, or by a name already known from a dotted property).
     *
     * @param config the configuration
     * @param prefix the map's prefix, e.g. {@code passerelle.auth.tokens.}
     * @param keys the entry keys, e.g. {@code secret}, {@code access}
     * @return the dotted keys under the prefix with their values
     */
    public static SortedMap<String, String> map(Config config, String prefix, List<String> keys) {
        String envPrefix = PropertySnapshot.envForm(prefix);
        Set<String> dotted = new TreeSet<>();
        List<String> env = new ArrayList<>();
        for (String raw : config.getPropertyNames()) {
            String name = raw.startsWith("%") && raw.indexOf('.') > 0 ? raw.substring(raw.indexOf('.') + 1) : raw;
            if (name.startsWith(prefix)) {
                dotted.add(name);
            } else if (name.startsWith(envPrefix)) {
                env.add(name);
            }
        }
        Set<String> declared = PropertySnapshot.declaredOutsideEnvironment(config);
        dotted.removeIf(n -> env.contains(PropertySnapshot.envForm(n)) && !declared.contains(n));
        Set<String> names = PropertySnapshot.namesUnder(dotted, prefix);
        env.forEach(e -> PropertySnapshot.anchored(e, envPrefix, keys).ifPresent(names::add));
        for (String e : env) {
            names.stream().sorted((a, b) -> b.length() - a.length())
                    .filter(n -> e.startsWith(envPrefix + PropertySnapshot.envForm(n) + "_"))
                    .findFirst()
                    .ifPresentOrElse(n -> dotted.add(prefix + n + "." + e.substring((envPrefix + PropertySnapshot.envForm(n) + "_").length())
                                    .toLowerCase(java.util.Locale.ROOT).replace('_', '-')),
                            () -> LOG.warnf("ignoring environment variable %s: cannot tell where the name ends", e));
        }
        SortedMap<String, String> values = new TreeMap<>();
        for (String n : dotted) {
            PropertySnapshot.value(config, n).ifPresent(v -> values.put(n, v));
        }
        return values;
    }

    /**
     * The unknown-key check of an application's own {@code passerelle.*} keys (those of backends,
     * buckets, KEKs and rules are checked by core when {@link Passerelle} is created): every key
     * given by a file, a system property or any non-environment source must be declared by core, the
     * sovereign controls or one of {@code declarations}; an environment variable {@code PASSERELLE_*}
     * that matches no declared key is reported with a warning (the environment holds other things).
     *
     * @param config the configuration
     * @param declarations the application's own declarations
     * @throws ConfigException naming the first unknown or malformed key
     */
    public static void checkKnown(Config config, Collection<ConfigKeys> declarations) {
        List<ConfigKeys> all = new ArrayList<>(declarations);
        all.add(CoreKeys.DECLARATION);
        all.add(SovereignKeys.DECLARATION);
        Map<String, String> given = new TreeMap<>();
        for (String name : PropertySnapshot.declaredOutsideEnvironment(config)) {
            if (name.startsWith("passerelle.") && CHECKED_BY_CORE.stream().noneMatch(name::startsWith)) {
                given.put(name, PropertySnapshot.value(config, name).orElse(""));
            }
        }
        ConfigKeys.check(given, all);
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("PASSERELLE_") && CHECKED_BY_CORE.stream().noneMatch(p -> name.startsWith(PropertySnapshot.envForm(p)))
                    && all.stream().flatMap(d -> d.keys().stream()).noneMatch(k -> envPattern(k).matcher(name).matches())) {
                LOG.warnf("environment variable %s names no known passerelle setting: ignored", name);
            }
        }
    }

    private static Pattern envPattern(ConfigKey<?> key) {
        StringBuilder regex = new StringBuilder();
        for (String part : key.name().split("(?=<)|(?<=>)")) {
            regex.append(part.startsWith("<") ? "[A-Z0-9_]+" : Pattern.quote(PropertySnapshot.envForm(part)));
        }
        return Pattern.compile(regex + (key.fileForm() ? "(_FILE)?" : ""));
    }
}
