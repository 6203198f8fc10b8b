package dev.passerelle.backend.jclouds;

import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.testservers.S3ProxyServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/** Builds jclouds stores through the SPI, as an operator would configure them. */
final class TestStores {
    private TestStores() {
    }

    /** @return settings of the given provider with extra settings */
    static BackendSettings settings(String name, String provider, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("type", "jclouds");
        m.put("provider", provider);
        m.putAll(extra);
        return new BackendSettings(name, m);
    }

    /** @return settings for jclouds' s3 API against S3Proxy (path-style addressing) */
    static BackendSettings s3proxy(S3ProxyServer server, String name, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("endpoint", server.endpoint());
        m.put("identity", S3ProxyServer.ACCESS_KEY);
        m.put("credential", S3ProxyServer.SECRET_KEY);
        m.put("properties.jclouds.s3.virtual-host-buckets", "false");
        m.putAll(extra);
        return settings(name, "s3", m);
    }

    /** @return the store the SPI builds from these settings */
    static JcloudsBlobStore store(BackendSettings settings) {
        return (JcloudsBlobStore) new JcloudsBlobStoreProvider().create(settings);
    }

    /** Deletes a directory tree. */
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
