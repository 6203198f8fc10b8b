package dev.passerelle.gateway;

import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.ops.BackendReadiness;
import dev.passerelle.testservers.ExternalServer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every readiness policy over two backends, one of them dead (an S3 endpoint on a loopback port
 * nothing listens on: each check is a real, refused connection): {@code any} and a list naming only
 * the live backend stay UP; {@code all} and a list naming the dead one go DOWN; each backend's state
 * is reported either way; a bad policy names its key.
 */
class BackendReadinessTest {
    @TempDir
    static Path tmp;
    private static Passerelle passerelle;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> c = Map.of(
                "passerelle.state-dir", tmp.resolve("state").toString(),
                "passerelle.backends.local.type", "filesystem",
                "passerelle.backends.local.root", tmp.resolve("data").toString(),
                "passerelle.backends.dead.type", "s3",
                "passerelle.backends.dead.preset", "generic",
                "passerelle.backends.dead.endpoint", "http://127.0.0.1:" + ExternalServer.freePort(),
                "passerelle.backends.dead.access-key", "nobody",
                "passerelle.backends.dead.secret-key", "nothing-at-all",
                "passerelle.backends.dead.timeout", "5s",
                "passerelle.default-backend", "local");
        passerelle = Passerelle.create(new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(c, "test", 250)).build());
    }

    @AfterAll
    static void stop() {
        passerelle.close();
    }

    private static HealthCheckResponse ready(String policy) {
        BackendReadiness r = new BackendReadiness(passerelle, policy, Duration.ofSeconds(10));
        return r.check().call().await().atMost(Duration.ofSeconds(30));
    }

    private static void assertStates(HealthCheckResponse r, String policy) {
        Map<String, Object> data = r.getData().orElseThrow();
        assertEquals("backends", r.getName());
        assertEquals(policy, data.get("ready-requires"));
        assertEquals("up", data.get("local"));
        assertEquals("down: backend_unavailable", data.get("dead"), data.toString());
    }

    @Test
    void anyStaysUpWhileOneBackendServes() {
        HealthCheckResponse r = ready("any");
        assertEquals(HealthCheckResponse.Status.UP, r.getStatus());
        assertStates(r, "any");
    }

    @Test
    void allGoesDownWithOneDeadBackend() {
        HealthCheckResponse r = ready(" ALL ");
        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
        assertStates(r, "all");
    }

    @Test
    void aListRequiresExactlyTheBackendsItNames() {
        HealthCheckResponse onlyLocal = ready("local");
        assertEquals(HealthCheckResponse.Status.UP, onlyLocal.getStatus());
        assertStates(onlyLocal, "local");
        HealthCheckResponse both = ready("local, dead");
        assertEquals(HealthCheckResponse.Status.DOWN, both.getStatus());
        assertStates(both, "dead,local");
    }

    @Test
    void aBadPolicyNamesItsKeyAndTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> new BackendReadiness(passerelle, "local,nope", Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains(BackendReadiness.POLICY_KEY), e.getMessage());
        assertTrue(e.getMessage().contains("expected any, all or a comma list of configured backends (dead, local), got 'local,nope'"), e.getMessage());
        assertThrows(ConfigException.class, () -> new BackendReadiness(passerelle, " , ", Duration.ofSeconds(1)));
        ConfigException t = assertThrows(ConfigException.class, () -> new BackendReadiness(passerelle, "any", Duration.ZERO));
        assertTrue(t.getMessage().contains(BackendReadiness.TIMEOUT_KEY), t.getMessage());
    }
}
