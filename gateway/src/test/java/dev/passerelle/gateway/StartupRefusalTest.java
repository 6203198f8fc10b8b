package dev.passerelle.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route that breaks the residency policy (a {@code health} bucket on a US backend, unencrypted)
 * stops the gateway at start-up with one line naming bucket, backend and rule.
 */
@QuarkusMainTest
@TestProfile(StartupRefusalTest.HealthOnUsBackend.class)
class StartupRefusalTest {
    static final String LINE = "passerelle.buckets.hdh.backend: bucket 'hdh' (classification health) on backend 'us' (jurisdiction US)"
            + " breaks passerelle.policy.health.allowed-jurisdictions";

    /** A US backend holding an unencrypted health bucket, under a rule that allows FR and the EU only. */
    public static class HealthOnUsBackend implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir;
            try {
                dir = Files.createTempDirectory("passerelle-refusal");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "passerelle.state-dir", dir.resolve("state").toString(),
                    "passerelle.backends.us.type", "filesystem",
                    "passerelle.backends.us.root", dir.resolve("data").toString(),
                    "passerelle.backends.us.jurisdiction", "US",
                    "passerelle.buckets.hdh.backend", "us",
                    "passerelle.buckets.hdh.classification", "health",
                    "passerelle.policy.health.allowed-jurisdictions", "FR,EU",
                    "passerelle.auth.tokens.admin.secret", GatewayTestResource.ADMIN,
                    "passerelle.auth.tokens.admin.access", "admin");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 2)
    void theGatewayRefusesToStart(LaunchResult result) {
        String out = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(out.contains(LINE), out);
    }
}
