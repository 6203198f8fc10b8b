package dev.passerelle.gateway.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Derives {@code quarkus.http.limits.max-body-size} from {@code passerelle.max-object-size}, so that
 * Quarkus never truncates or refuses a body the gateway accepts (with an
 * {@code InputStream} body it silently truncates at its limit). The limit is the
 * object limit plus a little slack, so that the gateway's own byte counting answers a too-large
 * body with a problem+json 413 before Quarkus' plain one. An explicit
 * {@code quarkus.http.limits.max-body-size} anywhere else wins (this source has a low ordinal).
 */
public final class BodyLimitConfigSourceFactory implements ConfigSourceFactory {
    /** The object size limit used when none is configured: 5 TiB. */
    public static final String DEFAULT_MAX_OBJECT_SIZE = GatewayKeys.MAX_OBJECT_SIZE.defaultValue();
    static final String MAX_OBJECT_SIZE = GatewayKeys.MAX_OBJECT_SIZE.name();
    static final String MAX_BODY_SIZE = "quarkus.http.limits.max-body-size";
    private static final long SLACK = 1 << 20;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue configured = context.getValue(MAX_OBJECT_SIZE);
        String raw = configured == null || configured.getValue() == null ? DEFAULT_MAX_OBJECT_SIZE : configured.getValue();
        long max;
        try {
            max = GatewayKeys.MAX_OBJECT_SIZE.parseValue(MAX_OBJECT_SIZE, raw);
        } catch (RuntimeException e) {
            // GatewaySettings reports the bad value with its key at start-up
            return List.of();
        }
        long limit = max > Long.MAX_VALUE - SLACK ? Long.MAX_VALUE : max + SLACK;
        return List.of(new PropertiesConfigSource(Map.of(MAX_BODY_SIZE, Long.toString(limit)), "passerelle-body-limit", 50));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }
}
