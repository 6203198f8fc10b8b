package dev.passerelle.backend.s3;

import com.google.common.collect.ImmutableMultimap;
import com.sun.net.httpserver.HttpServer;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.signing.Hmac;
import dev.passerelle.signing.sigv4.SigV4;
import dev.passerelle.signing.sigv4.SigV4Verifier;
import dev.passerelle.testservers.LoopbackNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@link DirectS3Http} puts on the wire for a virtual-host preset, seen by a loopback server
 * named {@code s3.passerelle.test}: the bucket in the Host header and not in the path, and a
 * signature the one verifier ({@link SigV4Verifier}, what the S3 front door will run) accepts for
 * exactly the request received. Runs in the surefire execution {@code virtual-host} (loopback names).
 */
class S3VirtualHostWireTest {
    private static final String SECRET = "wire-secret";

    /** One received request: method, Host, raw path, headers (lower-case names), body. */
    record Seen(String method, String host, String path, Map<String, String> headers, byte[] body) {
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(LoopbackNames.file() != null, "runs in the virtual-host surefire execution (jdk.net.hosts.file)");
        LoopbackNames.add("patients." + LoopbackNames.SUFFIX);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> h = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            seen.add(new Seen(exchange.getRequestMethod(), h.get("host"), exchange.getRequestURI().getRawPath(), h, body));
            exchange.getResponseHeaders().add("ETag", "\"abc\"");
            byte[] answer = exchange.getRequestMethod().equals("GET") ? "hello".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private DirectS3Http direct() {
        return DirectS3Http.create(S3Settings.from(new BackendSettings("wire", Map.of("type", "s3", "preset", "aws", "region", "eu-west-3",
                "endpoint", "http://" + LoopbackNames.SUFFIX + ":" + server.getAddress().getPort(), "access-key", "AKWIRE", "secret-key", SECRET))));
    }

    @Test
    void getAndPutAddressTheBucketHostAndVerify() throws Exception {
        DirectS3Http d = direct();
        try (InputStream in = d.get("patients", "scans/a b.dcm", -1, null).body()) {
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        byte[] body = "x-ray".getBytes(StandardCharsets.UTF_8);
        d.put("patients", "scans/é.dcm", body, body.length, ImmutableMultimap.of("Content-Type", "application/dicom",
                "x-amz-meta-note", "two  spaces"), Hmac.sha256Hex(body));

        assertEquals(2, seen.size(), seen.toString());
        String host = "patients." + LoopbackNames.SUFFIX + ":" + server.getAddress().getPort();
        Seen get = seen.get(0);
        assertEquals(host, get.host());
        assertEquals("/scans/a%20b.dcm", get.path(), "the bucket is in the host name, not the path");
        assertTrue(SigV4Verifier.verify("GET", get.path(), null, get.headers(), SigV4.EMPTY_SHA256, SECRET), "GET verifies");
        Seen put = seen.get(1);
        assertEquals(host, put.host());
        assertEquals("/scans/%C3%A9.dcm", put.path());
        assertEquals(Hmac.sha256Hex(body), put.headers().get("x-amz-content-sha256"));
        assertTrue(SigV4Verifier.verify("PUT", put.path(), null, put.headers(), Hmac.sha256Hex(put.body()), SECRET), "PUT verifies");
        assertTrue(put.headers().get("authorization").contains("/eu-west-3/s3/aws4_request"), put.headers().get("authorization"));
    }
}
