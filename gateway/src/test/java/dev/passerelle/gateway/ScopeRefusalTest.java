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

/** A token scope {@code ab*} (a pattern, which would match no bucket) stops start-up with one line naming the key. */
@QuarkusMainTest
@TestProfile(ScopeRefusalTest.PatternScope.class)
class ScopeRefusalTest {
    /** A read token scoped to {@code ab*}. */
    public static class PatternScope implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir;
            try {
                dir = Files.createTempDirectory("passerelle-scope");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "passerelle.state-dir", dir.resolve("state").toString(),
                    "passerelle.backends.local.type", "filesystem",
                    "passerelle.backends.local.root", dir.resolve("data").toString(),
                    "passerelle.default-backend", "local",
                    "passerelle-test.exit-after-start", "true",
                    "passerelle.auth.tokens.rd.secret", GatewayTestResource.READER,
                    "passerelle.auth.tokens.rd.buckets", "abc,ab*");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 2)
    void theGatewayRefusesToStart(LaunchResult result) {
        String out = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(out.contains("passerelle.auth.tokens.rd.buckets: 'ab*' is neither * nor a bucket name"), out);
        assertTrue(out.contains("patterns such as ab* are not supported: list the buckets"), out);
    }
}
