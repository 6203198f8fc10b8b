package dev.passerelle.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real server started as a separate process on a free loopback port, for tests. A server that
 * does not come up makes {@link #start()} throw: tests fail, they never skip. {@link #stop()}
 * stops only the process this object started (and its children), by PID.
 */
public abstract class ExternalServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private Process process;
    private int port;
    private Path logFile;

    /** @param name a short name used in log file names and messages */
    protected ExternalServer(String name) {
        this.name = name;
    }

    /** @return the command line that starts the server on {@code port} */
    protected abstract List<String> command(int port) throws IOException;

    /** @return extra environment variables for the process */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /**
     * Starts the server on a fresh free port (or the port it had, on a restart) and waits until it
     * accepts connections.
     *
     * @return this
     * @throws IllegalStateException when it does not come up in time (the message holds its log's tail)
     */
    public synchronized ExternalServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            if (port == 0) {
                port = freePort();
            }
            Path logDir = Path.of(System.getProperty("java.io.tmpdir"), "passerelle-test-servers");
            Files.createDirectories(logDir);
            logFile = logDir.resolve(name + "-" + port + "-" + System.nanoTime() + ".log");
            ProcessBuilder pb = new ProcessBuilder(command(port));
            pb.redirectErrorStream(true);
            pb.redirectOutput(logFile.toFile());
            pb.environment().putAll(environment());
            process = pb.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before accepting connections: " + logTail());
                }
                if (accepts(port) && ready()) {
                    return this;
                }
                Thread.sleep(100);
            }
            stop();
            throw new IllegalStateException(name + " did not accept connections on 127.0.0.1:" + port + " within " + START_TIMEOUT.toSeconds() + " s: " + logTail());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    /** Extra readiness check after the port accepts connections; default true. */
    protected boolean ready() {
        return true;
    }

    /** @return the loopback port the server listens on (0 before the first start) */
    public int port() {
        return port;
    }

    /** @return the server process's PID */
    public long pid() {
        return process.pid();
    }

    /** @return whether the process is running */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** @return where the server's output goes */
    public Path logFile() {
        return logFile;
    }

    /** Kills the process at once (SIGKILL), as a crash would; {@link #start()} brings it back on the same port. */
    public synchronized void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    /** Stops the process this object started: TERM, again TERM, then KILL (Azurite may ignore the first TERM). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        for (int attempt = 0; attempt < 2 && process.isAlive(); attempt++) {
            process.destroy();
            waitFor(Duration.ofSeconds(5));
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
        children.forEach(c -> {
            if (c.isAlive()) {
                c.destroyForcibly();
            }
        });
    }

    @Override
    public void close() {
        stop();
    }

    private void waitFor(Duration d) {
        try {
            process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the last lines of the server's log */
    public String logTail() {
        try {
            if (logFile == null || !Files.exists(logFile)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** @return a port that was free on 127.0.0.1 a moment ago */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @return the repository's root: the nearest directory at or above the working directory that
     *         holds {@code test-servers/package.json}
     * @throws IllegalStateException when none is found
     */
    public static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("test-servers").resolve("package.json"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository root (test-servers/package.json) above " + dir);
    }

    /**
     * @return the path of an npm-installed binary of the test servers
     * @throws IllegalStateException when it is not installed (build the test-servers module first)
     */
    protected static Path npmBin(String bin) {
        Path p = repoRoot().resolve("test-servers").resolve("node_modules").resolve(".bin").resolve(bin);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(bin + " is not installed at " + p + ": run 'mvn -pl test-servers install' (it runs npm install)");
        }
        return p;
    }
}
