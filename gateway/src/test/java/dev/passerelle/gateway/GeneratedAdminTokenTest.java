package dev.passerelle.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static dev.passerelle.gateway.TestSupport.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no token configured, the gateway generates {@code state/admin-token}: owner-only from its creation, 43 random characters. */
@QuarkusTest
@TestProfile(GeneratedAdminTokenTest.NoTokens.class)
class GeneratedAdminTokenTest {
    static Path state;

    /** No configured token, a fresh state directory. */
    public static class NoTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir;
            try {
                dir = Files.createTempDirectory("passerelle-generated-token");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            state = dir.resolve("state");
            return Map.of(
                    "passerelle.state-dir", state.toString(),
                    "passerelle.backends.local.type", "filesystem",
                    "passerelle.backends.local.root", dir.resolve("data").toString(),
                    "passerelle.default-backend", "local");
        }
    }

    @Test
    void theTokenFileIsOwnerOnlyAndItsTokenIsTheAdmin() throws IOException {
        Path file = state.resolve("admin-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).trim();
        assertEquals(43, token.length(), token);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        as(token).get("/api/v1/buckets").then().statusCode(200);
        as(token).get("/api/v1/admin/audit/head").then().statusCode(404);
        as(token + "x").get("/api/v1/buckets").then().statusCode(401);
    }
}
