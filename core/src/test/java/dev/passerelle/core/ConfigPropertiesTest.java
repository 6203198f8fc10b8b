package dev.passerelle.core;

import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.api.spi.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigPropertiesTest {
    static final ConfigKey<String> SECRET = ConfigKey.string("passerelle.auth.tokens.<name>.secret").markSecretNoFile().help("s");
    static final ConfigKey<Duration> INTERVAL = ConfigKey.duration("passerelle.audit.head-interval").defaultValue("5m").help("i");
    static final ConfigKeys APP = ConfigKeys.of("app", "App", "", SECRET, INTERVAL);

    @Test
    void aNamedMapIsReadFromPropertiesAndFromEnvironmentVariables() {
        SortedMap<String, String> tokens = ConfigProperties.map(TestConfigs.withEnv(
                        Map.of("passerelle.auth.tokens.admin.secret", "a", "passerelle.auth.tokens.my-app.access", "write"),
                        Map.of("PASSERELLE_AUTH_TOKENS_CI_BOT_SECRET", "c", "PASSERELLE_AUTH_TOKENS_MY_APP_SECRET", "m")),
                "passerelle.auth.tokens.", List.of("secret", "secret-sha256", "access", "buckets"));
        assertEquals(Map.of("passerelle.auth.tokens.admin.secret", "a",
                "passerelle.auth.tokens.ci-bot.secret", "c",
                "passerelle.auth.tokens.my-app.access", "write",
                "passerelle.auth.tokens.my-app.secret", "m"), tokens);
    }

    @Test
    void applicationKeysAreCheckedAgainstTheDeclarations() {
        ConfigProperties.checkKnown(TestConfigs.withEnv(Map.of("passerelle.audit.head-interval", "2m", "passerelle.state-dir", "/tmp/x",
                "passerelle.backends.a.anything", "core checks these itself"), Map.of("PASSERELLE_SOMETHING_ELSE", "warned, not refused")), List.of(APP));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigProperties.checkKnown(
                TestConfigs.withEnv(Map.of("passerelle.audit.head-intervall", "2m"), Map.of()), List.of(APP)));
        assertEquals("passerelle.audit.head-intervall: unknown setting (did you mean head-interval?)", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigProperties.checkKnown(
                TestConfigs.withEnv(Map.of("passerelle.audit.head-interval", "soon"), Map.of()), List.of(APP)));
        assertEquals("passerelle.audit.head-interval: expected a duration such as 500ms, 30s, 5m, 1h, 2d or PT30S, got 'soon'", e.getMessage());
        assertEquals(Duration.ofMinutes(2), ConfigProperties.values(TestConfigs.withEnv(Map.of("passerelle.audit.head-interval", "2m"), Map.of()))
                .get(INTERVAL));
    }
}
