package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Supplier;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large bodies through the real HTTP stack (past Quarkus' default 10 MiB body limit), with and
 * without Content-Length, compared by SHA-256 end to end; clients that break off store nothing.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class StreamingTest {
    private static final long SIZE = 64L << 20;

    /** A deterministic pseudo-random stream of {@code size} bytes, generated on the fly. */
    static InputStream generated(long size, long seed) {
        return new InputStream() {
            private final Random random = new Random(seed);
            private final byte[] block = new byte[1 << 16];
            private int pos = block.length;
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                if (pos == block.length) {
                    random.nextBytes(block);
                    pos = 0;
                }
                int n = (int) Math.min(Math.min(len, block.length - pos), left);
                System.arraycopy(block, pos, b, off, n);
                pos += n;
                left -= n;
                return n;
            }
        };
    }

    static String sha256Of(long size, long seed) throws Exception {
        return TestSupport.sha256Hex(generated(size, seed));
    }

    private static String uploadAndDownload(String bucket, String key, boolean withLength, long seed) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String url = "http://127.0.0.1:" + RestAssured.port + "/api/v1/buckets/" + bucket + "/objects/" + key;
        Supplier<InputStream> body = () -> generated(SIZE, seed);
        HttpRequest.BodyPublisher publisher = withLength
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), SIZE)
                : HttpRequest.BodyPublishers.ofInputStream(body);
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + WRITER)
                .PUT(publisher).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        assertTrue(put.body().contains("\"size\":" + SIZE), put.body());
        HttpResponse<InputStream> get = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + READER).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, get.statusCode());
        assertEquals(String.valueOf(SIZE), get.headers().firstValue("Content-Length").orElse(null));
        try (InputStream in = get.body()) {
            return TestSupport.sha256Hex(in);
        }
    }

    @Test
    void upload64MiBWithContentLength() throws Exception {
        String bucket = TestSupport.newBucket("large");
        assertEquals(sha256Of(SIZE, 1), uploadAndDownload(bucket, "with-length.bin", true, 1));
        as(READER).head("/api/v1/buckets/" + bucket + "/objects/with-length.bin").then().header("X-Checksum-SHA256", sha256Of(SIZE, 1));
    }

    @Test
    void upload64MiBChunked() throws Exception {
        String bucket = TestSupport.newBucket("large");
        assertEquals(sha256Of(SIZE, 2), uploadAndDownload(bucket, "chunked.bin", false, 2));
    }

    @Test
    void clientDisconnectMidBodyWithContentLengthStoresNothing() throws Exception {
        String bucket = TestSupport.newBucket("cut");
        String path = "/api/v1/buckets/" + bucket + "/objects/cut.bin";
        as(WRITER).body("previous").put(path).then().statusCode(201);
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Content-Length: " + (20L << 20));
            byte[] part = new byte[1 << 20];
            for (int i = 0; i < 5; i++) {
                raw.send(part);
            }
            raw.abort();
        }
        Thread.sleep(500);
        as(READER).get(path).then().statusCode(200).body(org.hamcrest.Matchers.equalTo("previous"));
    }

    @Test
    void clientDisconnectMidChunkedBodyStoresNothing() throws Exception {
        String bucket = TestSupport.newBucket("cut");
        String path = "/api/v1/buckets/" + bucket + "/objects/cut-chunked.bin";
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Transfer-Encoding: chunked");
            for (int i = 0; i < 5; i++) {
                raw.chunk(new byte[1 << 20]);
            }
            raw.abort();
        }
        Thread.sleep(500);
        as(READER).get(path).then().statusCode(404);
        as(READER).get("/api/v1/buckets/" + bucket + "/objects").then().body("objects", org.hamcrest.Matchers.empty());
    }

    @Test
    void shortBodyThenCloseStoresNothing() throws Exception {
        String bucket = TestSupport.newBucket("short");
        String path = "/api/v1/buckets/" + bucket + "/objects/short.bin";
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Content-Length: 1000");
            raw.send(new byte[500]);
            raw.close();
        }
        Thread.sleep(500);
        as(READER).get(path).then().statusCode(404);
    }

    @Test
    void expectContinueIsAnsweredOnlyAfterAuthAndHeadersPass() throws Exception {
        String bucket = TestSupport.newBucket("expect");
        String path = "/api/v1/buckets/" + bucket + "/objects/e.bin";
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer wrong", "Content-Length: 5", "Expect: 100-continue");
            assertEquals(401, raw.readHead().status());
        }
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Content-Length: 5", "Expect: 100-continue", "X-Meta-x: %G0");
            assertEquals(400, raw.readHead().status());
        }
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Content-Length: 99999999999999999", "Expect: 100-continue");
            RawHttp.Reply reply = raw.readHead();
            assertEquals(413, reply.status());
            assertEquals("application/problem+json", reply.header("Content-Type"));
        }
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Content-Length: 5", "Expect: 100-continue");
            assertEquals(100, raw.readHead().status());
            raw.send("hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals(201, raw.readHead().status());
        }
        as(READER).get(path).then().statusCode(200).body(org.hamcrest.Matchers.equalTo("hello"));
    }

    @Test
    void percentEncodedDotSegmentsNeverEscapeTheRoot() throws Exception {
        String bucket = TestSupport.newBucket("escape");
        for (String key : new String[] {"%2E%2E/%2E%2E/%2E%2E/escaped", "..%2F..%2F..%2Fescaped", "%2e%2e%2f%2e%2e%2fescaped", "a/../../../escaped"}) {
            try (RawHttp raw = new RawHttp()) {
                raw.head("PUT", "/api/v1/buckets/" + bucket + "/objects/" + key, "Authorization: Bearer " + WRITER, "Content-Length: 3");
                raw.send("bad".getBytes(StandardCharsets.US_ASCII));
                int status = raw.readHead().status();
                assertTrue(status == 400 || status == 404 || status == 403 || status == 405, key + " answered " + status);
            }
        }
        try (var files = java.nio.file.Files.walk(GatewayTestResource.base().getParent(), 2)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().equals("escaped")), "a file escaped the data root");
        }
        try (var files = java.nio.file.Files.walk(GatewayTestResource.base())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("escaped")), "an object was stored");
        }
    }
}
