package dev.passerelle.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway (quarkus-run.jar) and {@code bin/passerelle} as real processes: a bad setting
 * is one line naming the key, exit 2, no stack trace (unless asked for); {@code --help} is real help
 * and starts no JVM.
 */
class GatewayLaunchIT {
    private static final Path APP = Path.of(System.getProperty("gateway.app", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    private static final Path LAUNCHER = Path.of("..", "bin", "passerelle").toAbsolutePath().normalize();
    private static final String BAD_TYPE = "-Dpasserelle.backends.az.type=azur";
    private static final String LINE = "passerelle.backends.az.type: unknown backend type 'azur' (available: azure, filesystem, s3)";

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Run run(Map<String, String> env, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PASSERELLE_") || k.startsWith("QUARKUS_") || k.equals("JAVA_OPTS"));
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().putAll(env);
        Path out = tmp.resolve("out-" + System.nanoTime());
        Path err = tmp.resolve("err-" + System.nanoTime());
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<String> java(String... options) {
        assertTrue(Files.isRegularFile(APP), APP + " is missing: run the tests with 'mvn verify'");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-Dquarkus.http.port=0", "-Dpasserelle.state-dir=" + tmp.resolve("state")));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-jar", APP.toString()));
        return cmd;
    }

    private static void assertOneLineNoTrace(Run r) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.all().lines().filter(l -> l.contains("passerelle.backends.az.type")).count(), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.equals("passerelle: " + LINE)), r.toString());
        assertFalse(r.all().lines().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception") || l.contains("Failed to start")), r.toString());
    }

    @Test
    void aBadSettingIsOneLineNamingTheKey() throws Exception {
        assertOneLineNoTrace(run(Map.of(), java(BAD_TYPE)));
        Run size = run(Map.of(), java("-Dpasserelle.upload-buffer-size=1"));
        assertEquals(2, size.exit(), size.toString());
        assertEquals("passerelle: passerelle.upload-buffer-size: must be between 4K and 64M", size.err().strip(), size.toString());
        Run port = run(Map.of(), java("-Dquarkus.http.port=abc"));
        assertEquals(2, port.exit(), port.toString());
        assertTrue(port.err().strip().startsWith("passerelle: SRCFG00039: The config property quarkus.http.port with the config value \"abc\""),
                port.toString());
        assertFalse(port.all().contains("\tat "), port.toString());
    }

    @Test
    void theStackTraceOnlyWithTheDebugFlag() throws Exception {
        Run env = run(Map.of("PASSERELLE_DEBUG", "1"), java(BAD_TYPE));
        assertEquals(2, env.exit(), env.toString());
        assertTrue(env.err().contains("passerelle: " + LINE), env.toString());
        assertTrue(env.err().contains("\tat dev.passerelle.core.BackendRegistry.checkTypes"), env.toString());
        Run property = run(Map.of(), java("-Dpasserelle.debug=true", BAD_TYPE));
        assertTrue(property.err().contains("\tat dev.passerelle."), property.toString());
    }

    @Test
    void binPasserelleSaysStartingThenTheOneLine() throws Exception {
        Run r = run(Map.of(), List.of("bash", LAUNCHER.toString(), "-Dquarkus.http.port=0", "-Dpasserelle.state-dir=" + tmp.resolve("state"), BAD_TYPE));
        assertOneLineNoTrace(r);
        assertTrue(r.out().contains("Passerelle gateway: starting on http://127.0.0.1:0/api/v1"), r.toString());
    }

    @Test
    void helpIsRealHelpAndStartsNoJava() throws Exception {
        // JAVA=false: had the script started a JVM, it would exit 1
        Run r = run(Map.of("JAVA", "false"), List.of("bash", LAUNCHER.toString(), "--help"));
        assertEquals(0, r.exit(), r.toString());
        for (String s : List.of("Usage: bin/passerelle", "config/application.properties", "./state", "admin-token", "JAVA_OPTS",
                "QUARKUS_HTTP_PORT", "QUARKUS_HTTP_HOST", "PASSERELLE_STATE_DIR", "PASSERELLE_DEBUG", "JAVA ")) {
            assertTrue(r.out().contains(s), s + " in\n" + r);
        }
        assertFalse(r.out().contains("starting on"), "no banner: " + r);
        assertEquals("", r.err(), r.toString());
        assertEquals(r.out(), run(Map.of("JAVA", "false"), List.of("bash", LAUNCHER.toString(), "-h")).out());
    }
}
