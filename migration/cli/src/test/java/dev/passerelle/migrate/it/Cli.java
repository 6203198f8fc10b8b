package dev.passerelle.migrate.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged CLI as a real process (java -jar quarkus-run.jar), with a small heap; leading -D arguments go to its JVM. */
final class Cli {
    private Cli() {
    }

    /**
     * The outcome of a run.
     *
     * @param exit the exit code
     * @param out stdout
     * @param err stderr
     */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Path app() {
        Path app = Path.of(System.getProperty("migrate.app", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException("the packaged CLI " + app + " is missing: run the tests with 'mvn verify'");
        }
        return app;
    }

    static List<String> command(Path workDir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(System.getProperty("migrate.heap", "-Xmx128m"));
        int i = 0;
        while (i < args.length && args[i].startsWith("-D")) {
            cmd.add(args[i++]);
        }
        cmd.add("-jar");
        cmd.add(app().toString());
        cmd.addAll(List.of(args).subList(i, args.length));
        return cmd;
    }

    /** Starts the CLI; its output goes to files in {@code workDir}. */
    static Process start(Path workDir, String name, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(workDir, args)).directory(workDir.toFile());
        pb.redirectOutput(workDir.resolve(name + ".out").toFile());
        pb.redirectError(workDir.resolve(name + ".err").toFile());
        pb.environment().remove("PASSERELLE_STATE_DIR");
        return pb.start();
    }

    /** Runs the CLI to its end (at most 10 minutes). */
    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        String name = "run-" + System.nanoTime();
        Process p = start(workDir, name, args);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish within 10 minutes: " + String.join(" ", args));
        }
        String out = Files.readString(workDir.resolve(name + ".out"), StandardCharsets.UTF_8);
        String err = Files.readString(workDir.resolve(name + ".err"), StandardCharsets.UTF_8);
        Files.deleteIfExists(workDir.resolve(name + ".out"));
        Files.deleteIfExists(workDir.resolve(name + ".err"));
        return new Result(p.exitValue(), out, err);
    }
}
