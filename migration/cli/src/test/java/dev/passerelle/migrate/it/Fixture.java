package dev.passerelle.migrate.it;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.core.Passerelle;
import dev.passerelle.migrate.report.ReportReader;
import dev.passerelle.migrate.ObjectResult;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;

/**
 * A configuration file for the CLI plus an in-process Passerelle over the same configuration, used
 * only to seed, inspect and damage the backends around the CLI runs.
 */
final class Fixture implements AutoCloseable {
    final Path dir;
    final Path config;
    private final Map<String, String> props = new LinkedHashMap<>();
    private Passerelle passerelle;

    Fixture(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("migrate.properties");
        props.put("passerelle.state-dir", dir.resolve("state").toString());
    }

    /** Adds a filesystem backend named {@code name} rooted under the fixture's directory. */
    Fixture filesystem(String name) throws IOException {
        Path root = dir.resolve("fs-" + name);
        Files.createDirectories(root);
        props.put("passerelle.backends." + name + ".type", "filesystem");
        props.put("passerelle.backends." + name + ".root", root.toString());
        props.putIfAbsent("passerelle.default-backend", name);
        return this;
    }

    /** Adds an S3 backend on {@code server} with the minio preset (S3Proxy accepts it as it accepts MinIO's requests). */
    Fixture s3proxy(String name, dev.passerelle.testservers.S3ProxyServer server) {
        String p = "passerelle.backends." + name + ".";
        props.put(p + "type", "s3");
        props.put(p + "preset", "minio");
        props.put(p + "endpoint", server.endpoint());
        props.put(p + "access-key", dev.passerelle.testservers.S3ProxyServer.ACCESS_KEY);
        props.put(p + "secret-key", dev.passerelle.testservers.S3ProxyServer.SECRET_KEY);
        return this;
    }

    /** Sets any property. */
    Fixture set(String key, String value) {
        props.put(key, value);
        return this;
    }

    /** Removes a property. */
    Fixture unset(String key) {
        props.remove(key);
        return this;
    }

    /** Writes a secret file (a KEK, an audit key) under the fixture's directory; returns its path. */
    Path secret(String name, byte[] content) throws IOException {
        Path p = dir.resolve("secrets").resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        // as an operator keeps them: a secret others may read is warned about (SECURITY: ...) on stderr
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    /** @return the in-process instance over the configuration last written (the "gateway" of the tests) */
    Passerelle passerelle() {
        return passerelle;
    }

    /** Writes the configuration file and opens the in-process view. */
    Fixture write() throws IOException {
        writeConfigOnly();
        passerelle = Passerelle.create(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(new HashMap<>(props), "test", 500)).build());
        return this;
    }

    /** Writes the configuration file only (e.g. a broken one); the in-process view is closed. */
    Fixture writeConfigOnly() throws IOException {
        Properties p = new Properties();
        p.putAll(props);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "written by the migration tool's tests");
        }
        close();
        return this;
    }

    BlobStore store(String backend) {
        return passerelle.backend(backend).store();
    }

    Path root(String backend) {
        return dir.resolve("fs-" + backend);
    }

    void bucket(String backend, String bucket) {
        if (!store(backend).containerExists(bucket, CallContext.system())) {
            store(backend).createContainer(bucket, CallContext.system());
        }
    }

    ObjectInfo put(String backend, String bucket, String key, byte[] data, String contentType, Map<String, String> meta) {
        return store(backend).put(bucket, key, new ByteArrayInputStream(data), data.length,
                PutOptions.builder().contentType(contentType).userMetadata(meta).build());
    }

    ObjectInfo put(String backend, String bucket, String key, byte[] data) {
        return put(backend, bucket, key, data, null, Map.of());
    }

    ObjectInfo putStream(String backend, String bucket, String key, InputStream data, long length) {
        return store(backend).put(bucket, key, data, length, PutOptions.defaults());
    }

    ObjectInfo head(String backend, String bucket, String key) {
        return store(backend).head(bucket, key, GetOptions.defaults());
    }

    byte[] get(String backend, String bucket, String key) throws IOException {
        try (ObjectContent c = store(backend).get(bucket, key, GetOptions.defaults())) {
            return c.stream().readAllBytes();
        }
    }

    /** @return every key of a bucket with its size, sorted */
    TreeMap<String, Long> keys(String backend, String bucket) {
        TreeMap<String, Long> m = new TreeMap<>();
        store(backend).list(bucket, ListRequest.all()).objects().forEach(o -> m.put(o.key(), o.size()));
        return m;
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** @return the objects of a JSON report, by key, in report order */
    static LinkedHashMap<String, ObjectResult> objects(Path report) {
        LinkedHashMap<String, ObjectResult> m = new LinkedHashMap<>();
        try (ReportReader r = new ReportReader(report)) {
            while (r.hasNext()) {
                ObjectResult o = r.next();
                if (m.put(o.key(), o) != null) {
                    throw new AssertionError("key twice in " + report + ": " + o.key());
                }
            }
        }
        return m;
    }

    /** @return the trailer fields of a report */
    static Map<String, Object> trailer(Path report) {
        try (ReportReader r = new ReportReader(report)) {
            return r.trailer();
        }
    }

    /** @return the CLI arguments with {@code --config FILE} inserted after the command (leading -D options stay first) */
    String[] args(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>();
        int i = 0;
        while (args[i].startsWith("-D")) {
            all.add(args[i++]);
        }
        all.add(args[i++]);
        all.add("--config=" + config);
        all.addAll(java.util.List.of(args).subList(i, args.length));
        return all.toArray(String[]::new);
    }

    static List<String> list(String... s) {
        return List.of(s);
    }

    @Override
    public void close() {
        if (passerelle != null) {
            passerelle.close();
            passerelle = null;
        }
    }
}
