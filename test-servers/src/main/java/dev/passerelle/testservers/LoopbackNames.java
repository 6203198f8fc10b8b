package dev.passerelle.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Host names that resolve to 127.0.0.1 inside one test JVM, for virtual-host addressing
 * ({@code bucket.s3.passerelle.test}) against a server on loopback. The JVM must be started with
 * {@code -Djdk.net.hosts.file=FILE} (JDK 9+): its resolver then reads that file, in /etc/hosts format, at
 * every lookup, so a name added here resolves from the next lookup on, for okhttp and
 * HttpURLConnection alike (no resolver SPI before JDK 18; the machine's /etc/hosts is not the tests' to
 * edit). Production resolves through DNS, where a host such as {@code *.s3.amazonaws.com} has a wildcard
 * record; only the resolution differs, every byte on the wire is the production transport's.
 */
public final class LoopbackNames {
    /** The reserved test TLD (RFC 2606): never resolvable outside this mechanism. */
    public static final String SUFFIX = "s3.passerelle.test";

    private static final Set<String> ADDED = new HashSet<>();

    private LoopbackNames() {
    }

    /** @return the hosts file of this JVM, or null when it was not started with {@code jdk.net.hosts.file} */
    public static Path file() {
        String f = System.getProperty("jdk.net.hosts.file");
        return f == null ? null : Path.of(f);
    }

    /**
     * Makes {@code name} resolve to 127.0.0.1 (with localhost and the machine's own name kept resolvable).
     *
     * @throws IllegalStateException when the JVM has no hosts file
     */
    public static synchronized void add(String name) {
        Path f = file();
        if (f == null) {
            throw new IllegalStateException("start the JVM with -Djdk.net.hosts.file=FILE to resolve " + name);
        }
        try {
            if (ADDED.isEmpty()) {
                Files.createDirectories(f.toAbsolutePath().getParent());
                Files.writeString(f, "127.0.0.1 localhost " + SUFFIX + "\n", StandardCharsets.UTF_8);
                ADDED.add("localhost");
                ADDED.add(SUFFIX);
            }
            if (ADDED.add(name)) {
                Files.writeString(f, "127.0.0.1 " + name + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
