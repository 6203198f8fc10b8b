package dev.passerelle.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the gateway on a filesystem backend in a fresh temporary directory (data and state), with a
 * fixed set of tokens covering every access level.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {
    /** Token of the {@code admin} token (admin access, every bucket). */
    public static final String ADMIN = "admin-secret-0123456789";
    /** Token of the {@code writer} token (write access, every bucket). */
    public static final String WRITER = "writer-secret-0123456789";
    /** Token of the {@code reader} token (read access, every bucket). */
    public static final String READER = "reader-secret-0123456789";
    /** Token of the {@code scoped} token (write access, bucket {@code scoped-only}). */
    public static final String SCOPED = "scoped-secret-0123456789";
    /** Token of the {@code hashed} token (read access; configured by SHA-256 only). */
    public static final String HASHED = "hashed-secret-0123456789";
    /** The bucket open to anonymous reads. */
    public static final String OPEN_BUCKET = "open-bucket";
    /** The bucket configured read-only. */
    public static final String FROZEN_BUCKET = "frozen";

    private static Path base;

    /** @return the temporary directory holding {@code data/} (the backend root) and {@code state/} */
    public static Path base() {
        return base;
    }

    @Override
    public Map<String, String> start() {
        try {
            base = Files.createTempDirectory("passerelle-gateway-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> c = new HashMap<>();
        c.put("passerelle.state-dir", base.resolve("state").toString());
        c.put("passerelle.backends.local.type", "filesystem");
        c.put("passerelle.backends.local.root", base.resolve("data").toString());
        c.put("passerelle.backends.local.jurisdiction", "FR");
        c.put("passerelle.default-backend", "local");
        c.put("passerelle.buckets." + FROZEN_BUCKET + ".read-only", "true");
        c.put("passerelle.auth.tokens.admin.secret", ADMIN);
        c.put("passerelle.auth.tokens.admin.access", "admin");
        c.put("passerelle.auth.tokens.writer.secret", WRITER);
        c.put("passerelle.auth.tokens.writer.access", "write");
        c.put("passerelle.auth.tokens.reader.secret", READER);
        c.put("passerelle.auth.tokens.scoped.secret", SCOPED);
        c.put("passerelle.auth.tokens.scoped.access", "write");
        c.put("passerelle.auth.tokens.scoped.buckets", "scoped-only");
        c.put("passerelle.auth.tokens.hashed.secret-sha256", TestSupport.sha256Hex(HASHED.getBytes()));
        c.put("passerelle.auth.anonymous-read-buckets", OPEN_BUCKET);
        return c;
    }

    @Override
    public void stop() {
        if (base == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
