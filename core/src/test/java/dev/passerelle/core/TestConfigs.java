package dev.passerelle.core;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Builds configurations the way an application would (defaults interceptors: expressions, profiles). */
final class TestConfigs {
    private TestConfigs() {
    }

    /** @return a config from properties, with the state dir inside {@code tmp} unless given */
    static SmallRyeConfig of(Path tmp, Map<String, String> properties) {
        Map<String, String> props = new HashMap<>(properties);
        props.putIfAbsent("passerelle.state-dir", tmp.resolve("state").toString());
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(props, "test", 250))
                .build();
    }

    /** @return a config from properties and environment variables (env wins, as in any Quarkus app) */
    static SmallRyeConfig withEnv(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }
}
