package dev.passerelle.migrate.cli;

import com.sun.net.httpserver.HttpServer;
import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.Passerelle;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call makes at most {@code retry-max-attempts} requests in all, whatever the transport: a host on
 * loopback that answers every request with a bare 503 counts what reaches it. The backends are built
 * from configuration exactly as the gateway builds a bucket's chain ({@link Passerelle#bucket}) and as
 * the CLI builds a location's store ({@link Context#endpoint}); nothing of the protocol is mocked. Before
 * one retry layer, an Azure call through the SDK made up to 3 x 3 = 9 requests, a direct one the same,
 * a direct S3 GET 2 x 3 = 6.
 */
class RetriesOnTheWireTest {
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    @TempDir
    Path tmp;
    private HttpServer host;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", exchange -> {
            requests.incrementAndGet();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().add("Retry-After", "1");
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        host.start();
    }

    @AfterEach
    void stop() {
        host.stop(0);
    }

    private Map<String, String> config(String transport, int attempts) {
        String port = Integer.toString(host.getAddress().getPort());
        Map<String, String> c = new HashMap<>();
        c.put("passerelle.state-dir", tmp.resolve("state").toString());
        String b = "passerelle.backends.host.";
        if (transport.startsWith("azure")) {
            c.put(b + "type", "azure");
            c.put(b + "connection-string", "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                    + ";BlobEndpoint=http://127.0.0.1:" + port + "/" + ACCOUNT + ";");
        } else {
            c.put(b + "type", "s3");
            c.put(b + "preset", "minio");
            c.put(b + "endpoint", "http://127.0.0.1:" + port);
            c.put(b + "access-key", "wire-test");
            c.put(b + "secret-key", "wire-test-secret");
        }
        c.put(b + "direct-http", String.valueOf(transport.endsWith("direct")));
        c.put(b + "timeout", "10s");
        c.put(b + "retry-max-attempts", Integer.toString(attempts));
        c.put(b + "retry-initial-backoff", "1ms");
        c.put(b + "retry-max-backoff", "5ms");
        c.put("passerelle.default-backend", "host");
        return c;
    }

    /** @return the requests the call made; checks it failed as an exhausted, persistent unavailability */
    private int count(Executable call, int attempts) {
        int before = requests.get();
        StorageException e = assertThrows(StorageException.class, call);
        assertTrue(e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.RATE_LIMITED, e.toString());
        assertFalse(e.retryable(), "an exhausted error is persistent: " + e);
        assertEquals(attempts, e.attempts(), e.toString());
        return requests.get() - before;
    }

    private void callsMakeAtMostTheirAttempts(String transport, int attempts, BlobStore store, String container) throws IOException {
        assertEquals(attempts, count(() -> store.head(container, "k", GetOptions.defaults()), attempts), "head via " + transport + ": " + seen);
        assertEquals(attempts, count(() -> store.get(container, "k", GetOptions.defaults()).close(), attempts), "get via " + transport + ": " + seen);
        assertEquals(attempts, count(() -> store.containerExists(container, CallContext.system()), attempts), "exists via " + transport);
        // a put whose body the backend has read cannot be replayed by the call layer: never more than its attempts either
        int before = requests.get();
        StorageException put = assertThrows(StorageException.class,
                () -> store.put(container, "k", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.defaults()));
        int puts = requests.get() - before;
        assertTrue(puts >= 1 && puts <= attempts, "put via " + transport + " made " + puts + " requests: " + seen);
        assertTrue(put.kind().retryableByDefault(), put.toString());
    }

    @ParameterizedTest(name = "{0}, retry-max-attempts={1}")
    @CsvSource({"azure-direct, 3", "azure-sdk, 3", "s3-direct, 3", "s3-minio, 3",
        "azure-direct, 1", "azure-sdk, 1", "s3-direct, 1", "s3-minio, 1"})
    void aGatewayBucketsCallMakesAtMostRetryMaxAttemptsRequests(String transport, int attempts) throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(config(transport, attempts), "test", 500));
        try (Passerelle passerelle = Passerelle.create(builder.build())) {
            callsMakeAtMostTheirAttempts(transport, attempts, passerelle.bucket("box").store(), passerelle.bucket("box").container());
        }
    }

    @ParameterizedTest(name = "{0}, retry-max-attempts={1}")
    @CsvSource({"azure-direct, 3", "azure-sdk, 3", "s3-direct, 3", "s3-minio, 3", "azure-sdk, 1", "s3-minio, 1"})
    void aCliLocationsCallMakesAtMostRetryMaxAttemptsRequests(String transport, int attempts) throws IOException {
        Path file = tmp.resolve("migrate.properties");
        Properties p = new Properties();
        p.putAll(config(transport, attempts));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        try (Context ctx = new Context(file)) {
            var endpoint = ctx.endpoint("host:box");
            callsMakeAtMostTheirAttempts(transport, attempts, endpoint.store(), endpoint.container());
        }
    }
}
