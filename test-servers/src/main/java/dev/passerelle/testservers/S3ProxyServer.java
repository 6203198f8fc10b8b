package dev.passerelle.testservers;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * S3Proxy 4.1.0 (runnable jar from Maven Central, fetched by the test-servers module's build) as a
 * separate JVM, by default over jclouds' filesystem provider in a directory, so its data survives
 * restarts and a large object never sits in the test's heap.
 */
public final class S3ProxyServer extends ExternalServer {
    /** The access key S3Proxy is configured with. */
    public static final String ACCESS_KEY = "passerelle-test";
    /** The secret key S3Proxy is configured with. */
    public static final String SECRET_KEY = "passerelle-test-secret";

    private final Path directory;
    private final Map<String, String> extra = new TreeMap<>();

    /** @param directory where S3Proxy keeps its data and its properties file */
    public S3ProxyServer(Path directory) {
        super("s3proxy");
        this.directory = directory;
    }

    /** Sets an extra S3Proxy/jclouds property. @return this */
    public S3ProxyServer withProperty(String key, String value) {
        extra.put(key, value);
        return this;
    }

    @Override
    protected List<String> command(int port) throws IOException {
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", ACCESS_KEY);
        p.setProperty("s3proxy.credential", SECRET_KEY);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", data.toString());
        p.setProperty("jclouds.identity", "unused");
        p.setProperty("jclouds.credential", "unused");
        extra.forEach(p::setProperty);
        Path conf = directory.resolve("s3proxy.conf");
        try (Writer w = Files.newBufferedWriter(conf, StandardCharsets.UTF_8)) {
            p.store(w, "written by S3ProxyServer");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx512m", "-jar", jar().toString(), "--properties", conf.toString());
    }

    /** @return the endpoint, {@code http://127.0.0.1:PORT} */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * @return the runnable S3Proxy jar: {@code test-servers/target/servers/s3proxy.jar}, else the
     *         local Maven repository's copy
     */
    public static Path jar() {
        Path built = repoRoot().resolve("test-servers").resolve("target").resolve("servers").resolve("s3proxy.jar");
        if (Files.isRegularFile(built)) {
            return built;
        }
        String repo = System.getProperty("maven.repo.local", Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path m2 = Path.of(repo, "org", "gaul", "s3proxy", "4.1.0", "s3proxy-4.1.0-jar-with-dependencies.jar");
        if (Files.isRegularFile(m2)) {
            return m2;
        }
        throw new IllegalStateException("S3Proxy jar not found at " + built + " nor " + m2 + ": run 'mvn -pl test-servers install'");
    }
}
