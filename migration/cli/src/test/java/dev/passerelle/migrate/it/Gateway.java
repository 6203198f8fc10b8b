package dev.passerelle.migrate.it;

import dev.passerelle.testservers.ExternalServer;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The gateway's packaged app (gateway/target/quarkus-app) as a real process, with a bearer-token HTTP client. */
final class Gateway extends ExternalServer {
    static final String TOKEN = "cutover-test-token-0123456789";

    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> config;

    Gateway(Path workDir, Map<String, String> config) {
        super("gateway");
        this.workDir = workDir;
        this.config = config;
    }

    static Path jar() {
        Path jar = ExternalServer.repoRoot().resolve("gateway/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the gateway app " + jar + " is missing: build the gateway module first (mvn -B install at the root)");
        }
        return jar;
    }

    @Override
    protected List<String> command(int port) throws IOException {
        Path conf = workDir.resolve("config");
        Files.createDirectories(conf);
        Properties p = new Properties();
        p.putAll(config);
        p.setProperty("quarkus.http.port", Integer.toString(port));
        p.setProperty("passerelle.auth.tokens.app.secret", TOKEN);
        p.setProperty("passerelle.auth.tokens.app.access", "admin");
        try (Writer w = Files.newBufferedWriter(conf.resolve("application.properties"), StandardCharsets.UTF_8)) {
            p.store(w, "cut-over test gateway");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx256m", "-Duser.dir=" + workDir, "-jar", jar().toString());
    }

    @Override
    protected boolean ready() {
        try {
            return send("GET", "/api/v1/buckets", null).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sets a setting for the next (re)start. */
    void set(String key, String value) {
        config.put(key, value);
    }
}
