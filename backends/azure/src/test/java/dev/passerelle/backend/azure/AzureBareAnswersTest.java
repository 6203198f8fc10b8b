package dev.passerelle.backend.azure;

import com.sun.net.httpserver.HttpServer;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.testservers.AzuriteServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an Azure endpoint's proxy or load balancer answers when the host behind it is down: a status
 * with no {@code x-ms-error-code} and an empty or HTML body. A loopback endpoint plays that proxy
 * (no Azure behaviour is imitated: it only answers the bare status); the backend must take it for
 * what it is, a retryable unavailability, not an internal error.
 */
class AzureBareAnswersTest {
    private HttpServer proxy;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.stop(0);
        }
    }

    private BlobStore storeBehind(int status, String contentType, String body) throws IOException {
        return storeBehind(status, contentType, body, true);
    }

    /** @param direct whether the hot calls may bypass the SDK's pipeline ({@code direct-http}) */
    private BlobStore storeBehind(int status, String contentType, String body, boolean direct) throws IOException {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().add("Content-Type", contentType);
            }
            exchange.getResponseHeaders().add("Retry-After", "1");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        proxy.start();
        String endpoint = "http://127.0.0.1:" + proxy.getAddress().getPort() + "/" + AzuriteServer.ACCOUNT;
        return new AzureBlobStoreProvider().create(new BackendSettings("behind-proxy", Map.of("type", "azure",
                "connection-string", "DefaultEndpointsProtocol=http;AccountName=" + AzuriteServer.ACCOUNT + ";AccountKey="
                        + AzuriteServer.KEY + ";BlobEndpoint=" + endpoint + ";",
                "timeout", "20s", "direct-http", String.valueOf(direct))));
    }

    private void unavailable(Executable call) {
        StorageException e = assertThrows(StorageException.class, call);
        assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.toString());
        assertTrue(e.retryable(), e.toString());
    }

    @Test
    void anEmpty503IsUnavailableForEveryKindOfCall() throws IOException {
        try (BlobStore store = storeBehind(503, null, "")) {
            unavailable(() -> store.head("box", "k", GetOptions.defaults()));
            unavailable(() -> store.get("box", "k", GetOptions.defaults()).close());
            unavailable(() -> store.put("box", "k", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.defaults()));
            unavailable(() -> store.delete("box", "k", CallContext.system()));
            unavailable(() -> store.createContainer("box", CallContext.system()));
            unavailable(() -> store.listPage("box", ListRequest.all()));
        }
        assertTrue(requests.get() >= 6, "every call reached the endpoint: " + requests.get());
    }

    @Test
    void anEmpty503IsUnavailableThroughTheSdksPipelineToo() throws IOException {
        try (BlobStore store = storeBehind(503, null, "", false)) {
            unavailable(() -> store.head("box", "k", GetOptions.defaults()));
            unavailable(() -> store.get("box", "k", GetOptions.defaults()).close());
            unavailable(() -> store.put("box", "k", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.defaults()));
            unavailable(() -> store.delete("box", "k", CallContext.system()));
            unavailable(() -> store.listPage("box", ListRequest.all()));
        }
    }

    @Test
    void anHtmlErrorPageOf502IsUnavailable() throws IOException {
        try (BlobStore store = storeBehind(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")) {
            unavailable(() -> store.head("box", "k", GetOptions.defaults()));
            unavailable(() -> store.put("box", "k", new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.defaults()));
        }
    }
}
