package dev.passerelle.migrate.it;

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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/passerelle-migrate}, the command the README gives: its JVM defaults, how options
 * override them, the AppCDS archive it makes once per build and maps from any directory, and a copy
 * through it.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "..", "bin", "passerelle-migrate").toAbsolutePath().normalize();
    private static final Path ARCHIVE = Path.of("target", "quarkus-app", "passerelle-migrate.jsa").toAbsolutePath();

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("PASSERELLE_MIGRATE_APPCDS");
        pb.environment().putAll(env);
        Path out = tmp.resolve("out-" + System.nanoTime());
        Path err = tmp.resolve("err-" + System.nanoTime());
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void defaultsAndTheirOverrides() throws Exception {
        Run defaults = launch(Map.of(), "-XX:+PrintCommandLineFlags", "--version");
        assertEquals(0, defaults.exit(), defaults.err());
        assertTrue(defaults.out().contains("passerelle-migrate "), defaults.out());
        for (String flag : List.of("-XX:MaxHeapSize=268435456", "-XX:MaxNewSize=33554432", "-XX:+UseSerialGC",
                "-XX:Tier4InvocationThreshold=40000", "-XX:Tier4BackEdgeThreshold=400000")) {
            assertTrue(defaults.out().contains(flag), flag + " in " + defaults.out());
        }

        // an option before the command, or in JAVA_OPTS, replaces the default it names (and only that one)
        Run overridden = launch(Map.of("JAVA_OPTS", "-Xmx80m"), "-XX:Tier4InvocationThreshold=5000", "-XX:+PrintCommandLineFlags", "--version");
        assertEquals(0, overridden.exit(), overridden.err());
        assertTrue(overridden.out().contains("-XX:MaxHeapSize=83886080"), overridden.out());
        assertTrue(overridden.out().contains("-XX:Tier4InvocationThreshold=5000"), overridden.out());
        assertFalse(overridden.out().contains("Tier4BackEdgeThreshold"), "the other C2 thresholds go too: " + overridden.out());
        assertTrue(overridden.out().contains("-XX:+UseSerialGC"), overridden.out());
    }

    @Test
    void theArchiveIsMadeOnceAndMappedFromAnyDirectory() throws Exception {
        Files.deleteIfExists(ARCHIVE);
        Run first = launch(Map.of(), "--version");
        assertEquals(0, first.exit(), first.err());
        assertTrue(Files.size(ARCHIVE) > 0, "the first run after a build trained the archive");
        long made = Files.getLastModifiedTime(ARCHIVE).toMillis();

        // run from another directory (the temporary one): classes come from the archive's top layer
        Run mapped = launch(Map.of(), "-Xlog:class+load=info", "--version");
        assertEquals(0, mapped.exit(), mapped.err());
        long fromArchive = mapped.out().lines().filter(l -> l.contains("shared objects file (top)")).count();
        assertTrue(fromArchive > 500, "classes mapped from the archive: " + fromArchive);
        assertTrue(mapped.out().lines().anyMatch(l -> l.contains("dev.passerelle.") && l.contains("shared objects file (top)")),
                "the CLI's own classes are in it");
        assertEquals(made, Files.getLastModifiedTime(ARCHIVE).toMillis(), "not made again");

        Run off = launch(Map.of("PASSERELLE_MIGRATE_APPCDS", "false"), "-Xlog:class+load=info", "--version");
        assertEquals(0, off.exit(), off.err());
        assertFalse(off.out().contains("shared objects file (top)"), "PASSERELLE_MIGRATE_APPCDS=false runs without it");
    }

    @Test
    void aCopyThroughTheLauncher() throws Exception {
        Path src = tmp.resolve("src/data/dir");
        Files.createDirectories(src);
        byte[] body = Fixture.random(200_000, 7);
        Files.write(src.resolve("é x.bin"), body);
        Path config = tmp.resolve("migrate.properties");
        Files.writeString(config, String.join("\n",
                "passerelle.state-dir=" + tmp.resolve("state"),
                "passerelle.default-backend=src",
                "passerelle.backends.src.type=filesystem",
                "passerelle.backends.src.layout=plain",
                "passerelle.backends.src.root=" + tmp.resolve("src"),
                "passerelle.backends.dst.type=filesystem",
                "passerelle.backends.dst.layout=plain",
                "passerelle.backends.dst.root=" + tmp.resolve("dst"), ""));
        Files.createDirectories(tmp.resolve("dst"));
        Run copy = launch(Map.of(), "copy", "--config", config.toString(), "--from", "src:data", "--to", "dst:data", "--quiet");
        assertEquals(0, copy.exit(), copy.out() + copy.err());
        assertArrayEquals(body, Files.readAllBytes(tmp.resolve("dst/data/dir/é x.bin")));
        Run bad = launch(Map.of(), "copy", "--config", config.toString(), "--from", "nowhere:data", "--to", "dst:data", "--quiet");
        assertEquals(2, bad.exit(), bad.err());
    }
}
