package dev.passerelle.backend.azure;

import com.sun.net.httpserver.HttpServer;
import dev.passerelle.testservers.AzuriteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code credential=default} end to end: Azurite runs with {@code --oauth basic} over HTTPS with a
 * self-signed certificate generated here (keytool); the backend runs in a child JVM whose environment
 * says "App Service managed identity" ({@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER}), so
 * azure-identity's default chain reaches its ManagedIdentityCredential, which fetches a token from a
 * local endpoint served by this test. Azurite's basic OAuth mode checks the token's issuer, audience
 * and validity period but not its signature, so the token is a well-formed unsigned JWT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureDefaultCredentialTest {
    private static final String STORE_PASSWORD = "passerelle-test";
    private static final String IDENTITY_HEADER = UUID.randomUUID().toString();

    private Path dir;
    private AzuriteServer azurite;
    private HttpServer tokens;
    private Path keystore;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicReference<String> audience = new AtomicReference<>("https://storage.azure.com");

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("passerelle-azure-oauth");
        keystore = dir.resolve("azurite.pfx");
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "azurite",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD));
        azurite = AzuriteServer.inMemory().withArgs("--oauth", "basic", "--cert", keystore.toString(), "--pwd", STORE_PASSWORD);
        azurite.start();
        tokens = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokens.createContext("/msi/token", exchange -> {
            tokenRequests.incrementAndGet();
            boolean ok = IDENTITY_HEADER.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"));
            String resource = query(exchange.getRequestURI().getRawQuery(), "resource");
            byte[] body = (ok ? tokenJson(resource) : "{\"error\":\"bad identity header\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        tokens.start();
    }

    @AfterAll
    void stop() {
        if (tokens != null) {
            tokens.stop(0);
        }
        if (azurite != null) {
            azurite.stop();
        }
        try {
            if (keystore != null) {
                Files.deleteIfExists(keystore);
            }
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e);
        }
    }

    @Test
    void theDefaultChainAuthenticatesWithAManagedIdentityToken() throws Exception {
        audience.set("https://storage.azure.com");
        int before = tokenRequests.get();
        Result r = probe();
        assertEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("OK ") && r.output.contains("listed=2"), r.output);
        assertTrue(tokenRequests.get() > before, "the token came from the managed identity endpoint");
    }

    @Test
    void aTokenAzureRefusesIsBackendAuthFailed() throws Exception {
        audience.set("https://vault.azure.net");
        try {
            Result r = probe();
            assertEquals(1, r.exitCode, r.output);
            assertTrue(r.output.contains("FAILED BACKEND_AUTH_FAILED") && r.output.contains("entra"), r.output);
        } finally {
            audience.set("https://storage.azure.com");
        }
    }

    private String tokenJson(String resource) {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"typ\":\"JWT\",\"alg\":\"RS256\"}");
        String tenant = UUID.randomUUID().toString();
        String payload = b64("{\"aud\":\"" + audience.get() + "\",\"iss\":\"https://sts.windows.net/" + tenant + "/\",\"iat\":" + (now - 60)
                + ",\"nbf\":" + (now - 60) + ",\"exp\":" + (now + 3600) + ",\"oid\":\"" + UUID.randomUUID() + "\",\"tid\":\"" + tenant + "\"}");
        String jwt = header + "." + payload + "." + b64("not-verified-by-azurite-basic");
        return "{\"access_token\":\"" + jwt + "\",\"expires_on\":\"" + (now + 3600) + "\",\"resource\":\"" + resource
                + "\",\"token_type\":\"Bearer\",\"client_id\":\"" + UUID.randomUUID() + "\"}";
    }

    private Result probe() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-Djavax.net.ssl.trustStore=" + keystore, "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp", classpath, DefaultCredentialProbe.class.getName(), "https://127.0.0.1:" + azurite.port() + "/" + AzuriteServer.ACCOUNT);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("IDENTITY_") || k.startsWith("MSI_") || k.startsWith("IMDS_"));
        env.put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + tokens.getAddress().getPort() + "/msi/token");
        env.put("IDENTITY_HEADER", IDENTITY_HEADER);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("probe did not finish: " + output);
        }
        return new Result(p.exitValue(), output);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String query(String raw, String name) {
        if (raw == null) {
            return "";
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
