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
 * A misspelt gateway key stops start-up with one line naming it and the declared key it is closest
 * to (before, {@code passerelle.max-object-sise} was silently ignored and the 5T default applied).
 */
@QuarkusMainTest
@TestProfile(UnknownKeyRefusalTest.MisspeltKey.class)
class UnknownKeyRefusalTest {

    /** A typo in a gateway key. */
    public static class MisspeltKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir;
            try {
                dir = Files.createTempDirectory("passerelle-unknown-key");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "passerelle.state-dir", dir.resolve("state").toString(),
                    "passerelle.backends.local.type", "filesystem",
                    "passerelle.backends.local.root", dir.resolve("data").toString(),
                    "passerelle.max-object-sise", "1G",
                    "passerelle.auth.tokens.admin.secret", GatewayTestResource.ADMIN,
                    "passerelle.auth.tokens.admin.access", "admin");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 2)
    void theGatewayRefusesToStart(LaunchResult result) {
        String out = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(out.contains("passerelle.max-object-sise: unknown setting (did you mean max-object-size?)"), out);
    }
}
