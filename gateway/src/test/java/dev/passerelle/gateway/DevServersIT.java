package dev.passerelle.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dev-servers} for real: {@code start} on free ports brings up Azurite and S3Proxy, the
 * configuration lines it prints make the packaged gateway do a put/get round trip to each, and
 * {@code stop} ends exactly the processes it started (none is left behind, even when the test fails).
 */
class DevServersIT {
    private static final Path APP = Path.of(System.getProperty("gateway.app", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    private static final Path SCRIPT = Path.of("..", "bin", "dev-servers").toAbsolutePath().normalize();
    private static final String AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void startPrintsConfigThatRoundTripsThroughTheGatewayAndStopEndsItsProcesses() throws Exception {
        assertTrue(Files.isRegularFile(APP), APP + " is missing: run the tests with 'mvn verify'");
        Path servers = tmp.resolve("servers");
        int azPort = freePort();
        int s3Port = freePort();
        Map<String, String> env = Map.of("PASSERELLE_DEV_SERVERS_DIR", servers.toString(),
                "PASSERELLE_DEV_AZURITE_PORT", Integer.toString(azPort), "PASSERELLE_DEV_S3PROXY_PORT", Integer.toString(s3Port));
        List<ProcessHandle> started = new ArrayList<>();
        Process gateway = null;
        try {
            String out = script(env, "start");
            for (String name : List.of("azurite", "s3proxy")) {
                Path pidFile = servers.resolve(name + ".pid");
                assertTrue(Files.isRegularFile(pidFile), name + " has no PID file\n" + out);
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(started::add);
            }
            assertEquals(2, started.size(), out);
            assertTrue(out.contains("http://127.0.0.1:" + azPort + "/devstoreaccount1"), out);
            assertTrue(out.contains("http://127.0.0.1:" + s3Port), out);
            // both answer (unauthenticated: an S3 or Azure error status, but an HTTP answer)
            assertEquals(403, get(URI.create("http://127.0.0.1:" + s3Port + "/"), null).statusCode());
            assertTrue(get(URI.create("http://127.0.0.1:" + azPort + "/devstoreaccount1?comp=list"), null).statusCode() >= 400);

            // the configuration exactly as printed
            String config = out.lines().filter(l -> l.startsWith("passerelle.")).collect(Collectors.joining("\n", "", "\n"));
            assertTrue(config.contains("passerelle.backends.dev-azure.account-key=" + AZURITE_KEY), out);
            assertTrue(config.contains("passerelle.backends.dev-s3.secret-key="), out);
            Path properties = Files.writeString(tmp.resolve("printed.properties"), config);

            int port = freePort();
            Path log = tmp.resolve("gateway.log");
            ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx192m", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.config.locations=" + properties.toUri(), "-Dpasserelle.state-dir=" + tmp.resolve("state"), "-jar", APP.toString())
                    .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("PASSERELLE_") || k.startsWith("QUARKUS_"));
            gateway = pb.start();
            awaitLog(gateway, log, "Listening on: http");
            String token = Files.readString(tmp.resolve("state").resolve("admin-token")).trim();
            String api = "http://127.0.0.1:" + port + "/api/v1/buckets/";
            for (String bucket : List.of("azure-demo", "s3-demo")) {
                String body = "hello " + bucket + " " + System.nanoTime();
                assertEquals(201, send(HttpRequest.newBuilder(URI.create(api + bucket)).PUT(HttpRequest.BodyPublishers.noBody()), token).statusCode());
                HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(api + bucket + "/objects/hello.txt"))
                        .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(body)), token);
                assertEquals(201, put.statusCode(), put.body());
                HttpResponse<String> got = get(URI.create(api + bucket + "/objects/hello.txt"), token);
                assertEquals(200, got.statusCode(), got.body());
                assertEquals(body, got.body());
            }
            HttpResponse<String> backends = get(URI.create("http://127.0.0.1:" + port + "/api/v1/backends"), token);
            assertTrue(backends.body().contains("\"dev-azure\"") && backends.body().contains("\"dev-s3\""), backends.body());
            assertTrue(Files.isDirectory(servers.resolve("s3proxy/data/s3-demo")), "S3Proxy holds the bucket on its disk");

            gateway.destroy();
            assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
            String status = script(env, "status");
            assertTrue(status.contains("azurite: running") && status.contains("s3proxy: running"), status);
            String stop = script(env, "stop");
            assertTrue(stop.contains("azurite: stopped") && stop.contains("s3proxy: stopped"), stop);
            for (ProcessHandle h : started) {
                h.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(h.isAlive(), "still running after stop: " + h.pid());
            }
            assertFalse(Files.exists(servers.resolve("azurite.pid")), "PID file left");
        } finally {
            if (gateway != null && gateway.isAlive()) {
                gateway.destroyForcibly();
            }
            // whatever failed above: end only the processes the script started
            started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private String script(Map<String, String> env, String command) throws IOException, InterruptedException {
        Path out = tmp.resolve(command + "-" + System.nanoTime() + ".out");
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("JAVA", java());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bin/dev-servers " + command + " did not finish:\n" + Files.readString(out));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(p.exitValue() == 0 || command.equals("status"), "bin/dev-servers " + command + " exit " + p.exitValue() + "\n" + text);
        return text;
    }

    private HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET(), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String token) throws IOException, InterruptedException {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitLog(Process p, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            String s = Files.exists(log) ? Files.readString(log) : "";
            if (s.contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the gateway exited " + p.exitValue() + ":\n" + s);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the gateway did not log '" + text + "' within 2 min:\n" + Files.readString(log));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
