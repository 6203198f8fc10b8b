package dev.passerelle.gateway;

import dev.passerelle.testservers.AzuriteServer;
import dev.passerelle.testservers.S3rverServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway over four backends, two of them real server processes the tests may kill: Azurite
 * (backend {@code azure}, bucket {@code cloud}) and s3rver (backend {@code cellar}, bucket
 * {@code sovereign}), besides the default filesystem {@code local} of {@link GatewayTestResource}
 * and a second filesystem {@code archive} (bucket {@code cold}).
 */
public class OutageResource implements QuarkusTestResourceLifecycleManager {
    /** The bucket routed to Azurite. */
    public static final String AZURE_BUCKET = "cloud";
    /** The bucket routed to s3rver. */
    public static final String S3_BUCKET = "sovereign";
    /** The bucket routed to the second filesystem. */
    public static final String ARCHIVE_BUCKET = "cold";
    private static AzuriteServer azurite;
    private static S3rverServer s3rver;

    /** @return the running Azurite */
    public static AzuriteServer azurite() {
        return azurite;
    }

    @Override
    public Map<String, String> start() {
        try {
            azurite = AzuriteServer.inMemory();
            azurite.start();
            s3rver = new S3rverServer(Files.createTempDirectory("passerelle-outage-s3rver"));
            s3rver.start();
            Map<String, String> c = new HashMap<>();
            c.put("passerelle.backends.azure.type", "azure");
            c.put("passerelle.backends.azure.connection-string", azurite.connectionString());
            c.put("passerelle.buckets." + AZURE_BUCKET + ".backend", "azure");
            c.put("passerelle.backends.cellar.type", "s3");
            c.put("passerelle.backends.cellar.preset", "generic");
            c.put("passerelle.backends.cellar.endpoint", s3rver.endpoint());
            c.put("passerelle.backends.cellar.access-key", S3rverServer.ACCESS_KEY);
            c.put("passerelle.backends.cellar.secret-key", S3rverServer.SECRET_KEY);
            c.put("passerelle.buckets." + S3_BUCKET + ".backend", "cellar");
            c.put("passerelle.backends.archive.type", "filesystem");
            c.put("passerelle.backends.archive.root", Files.createTempDirectory("passerelle-outage-archive").toString());
            c.put("passerelle.buckets." + ARCHIVE_BUCKET + ".backend", "archive");
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (azurite != null) {
            azurite.stop();
        }
        if (s3rver != null) {
            s3rver.stop();
        }
    }
}
