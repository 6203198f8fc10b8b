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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pre-existing {@code state/admin-token} of 11 characters, mode 0644, with no token configured:
 * the gateway warns that others may read it and refuses to start on the short token, one line each.
 */
@QuarkusMainTest
@TestProfile(AdminTokenRefusalTest.ShortWorldReadableToken.class)
class AdminTokenRefusalTest {
    static Path tokenFile;

    /** No configured token; a short admin token readable by everyone. */
    public static class ShortWorldReadableToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir;
            try {
                dir = Files.createTempDirectory("passerelle-admin-token");
                tokenFile = Files.createDirectories(dir.resolve("state")).resolve("admin-token");
                Files.writeString(tokenFile, "short-token\n");
                Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "passerelle.state-dir", dir.resolve("state").toString(),
                    "passerelle.backends.local.type", "filesystem",
                    "passerelle.backends.local.root", dir.resolve("data").toString(),
                    "passerelle.default-backend", "local",
                    "passerelle-test.exit-after-start", "true");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 2)
    void theGatewayWarnsOnTheModeAndRefusesTheShortToken(LaunchResult result) {
        String out = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(out.contains("passerelle.state-dir: the admin token in " + tokenFile + " has 11 characters, fewer than 32: "
                + "delete the file to generate a new token"), out);
        assertTrue(out.contains("SECURITY: the admin token file " + tokenFile + " is readable beyond its owner, mode 0644 "
                + "(group and others may use it; chmod 600 " + tokenFile + ")"), out);
    }
}
