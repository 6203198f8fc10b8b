package dev.passerelle.backend.s3;

import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.testservers.S3ProxyServer;
import dev.passerelle.testservers.S3rverServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/** Builds S3 stores against the real test servers, through the provider as an operator would configure it. */
final class TestStores {
    private TestStores() {
    }

    /** @return settings for S3Proxy with the given preset and extra settings */
    static BackendSettings s3proxy(S3ProxyServer server, String name, String preset, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("type", "s3");
        m.put("preset", preset);
        m.put("endpoint", server.endpoint());
        m.put("access-key", S3ProxyServer.ACCESS_KEY);
        m.put("secret-key", S3ProxyServer.SECRET_KEY);
        m.putAll(extra);
        return new BackendSettings(name, m);
    }

    /** @return settings for s3rver with the given preset and extra settings */
    static BackendSettings s3rver(S3rverServer server, String name, String preset, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("type", "s3");
        m.put("preset", preset);
        m.put("endpoint", server.endpoint());
        m.put("access-key", S3rverServer.ACCESS_KEY);
        m.put("secret-key", S3rverServer.SECRET_KEY);
        m.putAll(extra);
        return new BackendSettings(name, m);
    }

    /** @return the store the SPI builds from these settings */
    static S3BlobStore store(BackendSettings settings) {
        return (S3BlobStore) new S3BlobStoreProvider().create(settings);
    }

    /** Deletes a directory tree (test data of a stopped server). */
    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
