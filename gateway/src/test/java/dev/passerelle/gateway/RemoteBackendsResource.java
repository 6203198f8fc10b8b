package dev.passerelle.gateway;

import dev.passerelle.testservers.AzuriteServer;
import dev.passerelle.testservers.S3ProxyServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway with two more backends on real server processes (started here; a server that does
 * not come up fails the tests): Azurite, with bucket {@code cloud} routed to it, and S3Proxy (an
 * S3-compatible host), with bucket {@code sovereign} routed to it. The default backend stays the
 * temporary filesystem of {@link GatewayTestResource}.
 */
public class RemoteBackendsResource implements QuarkusTestResourceLifecycleManager {
    /** The bucket routed to Azurite. */
    public static final String AZURE_BUCKET = "cloud";
    /** The bucket routed to S3Proxy. */
    public static final String S3_BUCKET = "sovereign";
    private static AzuriteServer azurite;
    private static S3ProxyServer s3proxy;

    /** @return the running S3Proxy */
    public static S3ProxyServer s3proxy() {
        return s3proxy;
    }

    /** @return the running Azurite */
    public static AzuriteServer azurite() {
        return azurite;
    }

    @Override
    public Map<String, String> start() {
        azurite = AzuriteServer.inMemory();
        azurite.start();
        try {
            s3proxy = new S3ProxyServer(Files.createTempDirectory("passerelle-gateway-s3proxy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3proxy.start();
        Map<String, String> c = new HashMap<>();
        c.put("passerelle.backends.cellar.type", "s3");
        c.put("passerelle.backends.cellar.preset", "minio");
        c.put("passerelle.backends.cellar.endpoint", s3proxy.endpoint());
        c.put("passerelle.backends.cellar.access-key", S3ProxyServer.ACCESS_KEY);
        c.put("passerelle.backends.cellar.secret-key", S3ProxyServer.SECRET_KEY);
        c.put("passerelle.backends.cellar.jurisdiction", "FR");
        c.put("passerelle.buckets." + S3_BUCKET + ".backend", "cellar");
        c.put("passerelle.backends.azure.type", "azure");
        c.put("passerelle.backends.azure.connection-string", azurite.connectionString());
        c.put("passerelle.backends.azure.jurisdiction", "US");
        c.put("passerelle.buckets." + AZURE_BUCKET + ".backend", "azure");
        return c;
    }

    @Override
    public void stop() {
        if (azurite != null) {
            azurite.stop();
        }
        if (s3proxy != null) {
            s3proxy.stop();
        }
    }
}
