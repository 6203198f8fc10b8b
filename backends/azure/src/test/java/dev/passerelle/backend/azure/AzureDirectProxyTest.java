package dev.passerelle.backend.azure;

import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import com.sun.net.httpserver.HttpServer;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.signing.sharedkey.SharedKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direct calls leave through the proxy the SDK's clients read from the same configuration
 * (before, any proxy kept them off: the gateway and proxied CLIs never ran them). The host,
 * {@code ACCOUNT.blob.passerelle.test}, resolves nowhere: only a request through the proxy reaches
 * the loopback proxy, which records it and answers as Azure would.
 */
class AzureDirectProxyTest {
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String ENDPOINT = "http://devstoreaccount1.blob.passerelle.test";

    private HttpServer proxy;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Map<String, String> h = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> h.put(k, String.join(",", v)));
            headers.add(h);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth=" + (auth != null && auth.startsWith("SharedKey devstoreaccount1:"))
                    + " proxy-auth=" + exchange.getRequestHeaders().getFirst("Proxy-Authorization"));
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().add("ETag", "\"0x8D0000000000001\"");
            exchange.getResponseHeaders().add("Last-Modified", "Thu, 03 Dec 2026 10:15:00 GMT");
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        proxy.start();
    }

    @AfterEach
    void stop() {
        proxy.stop(0);
    }

    /** A configuration of its own (never the process's: Configuration's deprecated put writes to a shared one). */
    private Configuration config(String noProxy) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PROXY", "http://user:secret@127.0.0.1:" + proxy.getAddress().getPort());
        if (noProxy != null) {
            env.put("NO_PROXY", noProxy);
        }
        return configuration(Map.of("java.net.useSystemProxies", "true"), env);
    }

    private static Configuration configuration(Map<String, String> systemProperties, Map<String, String> environment) {
        ConfigurationSource none = path -> Map.of();
        return new ConfigurationBuilder(none, path -> systemProperties, path -> environment).build();
    }

    private static DirectBlobHttp direct(DirectProxy p) {
        BackendSettings s = new BackendSettings("proxied", Map.of("type", "azure", "endpoint", ENDPOINT, "account-name", "devstoreaccount1",
                "account-key", KEY, "timeout", "10s"));
        AzureOptions options = AzureOptions.from(s, true);
        return DirectBlobHttp.create(s, AzureClientFactory.create(s, options, AzureHttpClients.jdkDefault(options.timeout())), options, p);
    }

    private static Map<String, String> put(DirectBlobHttp d) {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        return d.putBlob("c1", "a b", List.of(ByteBuffer.wrap(body)), "text/plain", new byte[16], Map.of(), Conditions.NONE);
    }

    @Test
    void putBlobGoesThroughTheConfiguredProxyWithItsCredentials() {
        DirectProxy p = DirectProxy.from(config(null));
        assertNotNull(p, "the configuration names a proxy");
        Map<String, String> answer = put(direct(p));
        assertEquals("\"0x8D0000000000001\"", answer.get("etag"));
        String basic = "Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("PUT " + ENDPOINT + "/c1/a%20b auth=true proxy-auth=" + basic), seen);
        // and the one Shared Key verifier (what the Azure Blob front door will run) accepts the request as received
        assertTrue(new SharedKey("devstoreaccount1", Base64.getDecoder().decode(KEY)).verify("PUT", "/c1/a%20b", null, headers.get(0)),
                "signature verifies: " + headers.get(0));
    }

    @Test
    void aNoProxyHostIsReachedDirectly() {
        DirectProxy p = DirectProxy.from(config("localhost,*.passerelle.test"));
        assertThrows(RuntimeException.class, () -> put(direct(p)), "resolved directly: the name does not exist");
        assertTrue(seen.isEmpty(), "nothing reached the proxy: " + seen);
    }

    @Test
    void noProxyConfiguredMeansNone() {
        assertEquals(null, DirectProxy.from(configuration(Map.of(), Map.of())));
        assertEquals(null, DirectProxy.from(configuration(Map.of(), Map.of("HTTPS_PROXY", "http://127.0.0.1:1"))),
                "azure-core's rule, the SDK's too: the variables count with java.net.useSystemProxies=true");
    }
}
