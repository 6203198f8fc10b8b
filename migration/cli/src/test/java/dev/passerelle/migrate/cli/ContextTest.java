package dev.passerelle.migrate.cli;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's audit instance never collides with a gateway's default audit file on the same host. */
class ContextTest {

    private static Config config(Map<String, String> m) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(m, "test", 500)).build();
    }

    @Test
    void anExplicitAuditFileIsLeftAlone() {
        assertEquals(Optional.empty(), Context.auditInstance(config(Map.of("passerelle.audit.file", "/var/audit/migrate.jsonl"))));
    }

    @Test
    void theOperatorsInstanceIsPrefixed() {
        assertEquals(Optional.of("migrate-gw1"), Context.auditInstance(config(Map.of("passerelle.audit.instance", "gw1"))));
    }

    @Test
    void otherwiseTheHostNameIsPrefixed() {
        String instance = Context.auditInstance(config(Map.of("passerelle.audit.file", " "))).orElseThrow();
        assertTrue(instance.matches("migrate-[A-Za-z0-9._-]+"), instance);
    }
}
