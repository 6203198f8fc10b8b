package dev.passerelle.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.passerelle.testservers.AzuriteServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Azure backend whose endpoint is a proxy with nothing behind it: a loopback server that answers
 * every request {@code 503} with an empty body, no {@code x-ms-error-code} and {@code Retry-After: 1}
 * (what a load balancer sends while the host is down). Bucket {@code fronted} is routed to it, and
 * bucket {@code fronted-s3} to an S3 backend behind the same proxy.
 */
public class BareProxyResource implements QuarkusTestResourceLifecycleManager {
    /** The bucket routed to the backend behind the proxy. */
    public static final String BUCKET = "fronted";
    /** The bucket routed to an S3 backend behind the same proxy. */
    public static final String S3_BUCKET = "fronted-s3";
    static final AtomicInteger REQUESTS = new AtomicInteger();
    private HttpServer proxy;

    @Override
    public Map<String, String> start() {
        try {
            proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        proxy.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().add("Retry-After", "1");
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        proxy.start();
        String endpoint = "http://127.0.0.1:" + proxy.getAddress().getPort() + "/" + AzuriteServer.ACCOUNT;
        Map<String, String> c = new HashMap<>();
        c.put("passerelle.backends.behind.type", "azure");
        c.put("passerelle.backends.behind.connection-string", "DefaultEndpointsProtocol=http;AccountName=" + AzuriteServer.ACCOUNT
                + ";AccountKey=" + AzuriteServer.KEY + ";BlobEndpoint=" + endpoint + ";");
        c.put("passerelle.backends.behind.timeout", "20s");
        c.put("passerelle.buckets." + BUCKET + ".backend", "behind");
        c.put("passerelle.backends.behind-s3.type", "s3");
        c.put("passerelle.backends.behind-s3.preset", "minio");
        c.put("passerelle.backends.behind-s3.endpoint", "http://127.0.0.1:" + proxy.getAddress().getPort());
        c.put("passerelle.backends.behind-s3.access-key", "proxy-test");
        c.put("passerelle.backends.behind-s3.secret-key", "proxy-test-secret");
        c.put("passerelle.buckets." + S3_BUCKET + ".backend", "behind-s3");
        return c;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.stop(0);
        }
    }
}
