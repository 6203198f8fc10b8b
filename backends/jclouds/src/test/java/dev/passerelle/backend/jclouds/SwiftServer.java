package dev.passerelle.backend.jclouds;

import dev.passerelle.testservers.ExternalServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A one-node OpenStack Swift (Debian packages {@code swift-proxy}, {@code swift-account},
 * {@code swift-container}, {@code swift-object}, plus {@code memcached} for tempauth's tokens) on
 * free loopback ports, all data under one directory: memcached, the three storage servers, their
 * one-device rings, then the proxy with tempauth and the SLO/DLO middleware real deployments run (jclouds
 * deletes through {@code ?multipart-manifest=delete}) (account {@code test}, user {@code tester}, key
 * {@code testing}). Each process is started and stopped by PID; nothing else is touched.
 */
final class SwiftServer implements AutoCloseable {
    /** The tempauth identity ({@code account:user}). */
    static final String IDENTITY = "test:tester";
    /** The tempauth key. */
    static final String CREDENTIAL = "testing";

    private final Path dir;
    private final List<ExternalServer> started = new ArrayList<>();
    private Daemon proxy;

    /** @param dir where the configuration, rings and data go */
    SwiftServer(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts every process.
     *
     * @return this
     * @throws IllegalStateException naming what is missing when Swift or memcached is not installed
     */
    SwiftServer start() throws IOException, InterruptedException {
        for (String tool : List.of("memcached", "swift-proxy-server", "swift-account-server", "swift-container-server",
                "swift-object-server", "swift-ring-builder")) {
            if (!onPath(tool)) {
                throw new IllegalStateException(tool + " is not installed: apt-get install swift-proxy swift-account swift-container swift-object memcached");
            }
        }
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("node").resolve("d1"));
        Files.writeString(conf.resolve("swift.conf"), """
                [swift-hash]
                swift_hash_path_suffix = passerelle-test
                swift_hash_path_prefix = passerelle-test
                [storage-policy:0]
                name = gold
                default = yes
                """, StandardCharsets.UTF_8);
        Daemon memcached = start(new Daemon("swift-memcached", port -> List.of("memcached", "-u", "root", "-l", "127.0.0.1",
                "-p", Integer.toString(port), "-U", "0")));
        for (String type : List.of("account", "container", "object")) {
            Daemon server = start(new Daemon("swift-" + type, port -> {
                Path file = conf.resolve(type + "-server.conf");
                Files.writeString(file, common(port) + "devices = " + dir.resolve("node") + "\nmount_check = false\n"
                        + "[pipeline:main]\npipeline = " + type + "-server\n[app:" + type + "-server]\nuse = egg:swift#" + type + "\n",
                        StandardCharsets.UTF_8);
                return List.of("swift-" + type + "-server", file.toString());
            }));
            ring(conf, type, server.port());
        }
        proxy = start(new Daemon("swift-proxy", port -> {
            Path file = conf.resolve("proxy-server.conf");
            Files.writeString(file, common(port) + """
                    [pipeline:main]
                    pipeline = catch_errors cache tempauth slo dlo proxy-server
                    [app:proxy-server]
                    use = egg:swift#proxy
                    account_autocreate = true
                    [filter:tempauth]
                    use = egg:swift#tempauth
                    user_test_tester = testing .admin
                    [filter:cache]
                    use = egg:swift#memcache
                    memcache_servers = 127.0.0.1:%d
                    [filter:slo]
                    use = egg:swift#slo
                    [filter:dlo]
                    use = egg:swift#dlo
                    [filter:catch_errors]
                    use = egg:swift#catch_errors
                    """.formatted(memcached.port()), StandardCharsets.UTF_8);
            return List.of("swift-proxy-server", file.toString());
        }));
        return this;
    }

    private String common(int port) {
        return "[DEFAULT]\nbind_ip = 127.0.0.1\nbind_port = " + port + "\nuser = " + System.getProperty("user.name")
                + "\nswift_dir = " + dir.resolve("conf") + "\nworkers = 1\nlog_level = WARNING\n";
    }

    private static void ring(Path conf, String type, int port) throws IOException, InterruptedException {
        String builder = conf.resolve(type + ".builder").toString();
        run(List.of("swift-ring-builder", builder, "create", "6", "1", "1"));
        run(List.of("swift-ring-builder", builder, "add", "r1z1-127.0.0.1:" + port + "/d1", "100"));
        run(List.of("swift-ring-builder", builder, "rebalance"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() > 1) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private Daemon start(Daemon daemon) {
        started.add(daemon);
        daemon.start();
        return daemon;
    }

    /** @return the tempauth endpoint jclouds' openstack-swift API authenticates against */
    String authEndpoint() {
        return "http://127.0.0.1:" + proxy.port() + "/auth/v1.0";
    }

    /** Stops every process this object started, the proxy first. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop();
        }
    }

    /** A command that can throw while writing its configuration. */
    private interface Command {
        List<String> at(int port) throws IOException;
    }

    /** One of the processes. */
    private static final class Daemon extends ExternalServer {
        private final Command command;

        Daemon(String name, Command command) {
            super(name);
            this.command = command;
        }

        @Override
        protected List<String> command(int port) throws IOException {
            return command.at(port);
        }
    }
}
