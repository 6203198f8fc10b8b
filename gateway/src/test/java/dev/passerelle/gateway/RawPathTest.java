package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.passerelle.gateway.GatewayTestResource.ADMIN;
import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests written on a raw socket, exactly as sent (what {@code curl --path-as-is} does): dot
 * segments are refused before anything is read or stored, and slashes are part of the key as sent,
 * never normalised into another key (ADR 0013).
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class RawPathTest {
    private static final List<String> DOT_SEGMENTS = List.of(".", "..", "%2E", "%2e", "%2E%2E", "%2e%2e", ".%2e", "%2E.", "%2e%2E");
    private static final List<String> METHODS = List.of("PUT", "GET", "HEAD", "DELETE", "POST", "PATCH");
    private String bucket;

    @BeforeEach
    void bucket() {
        bucket = TestSupport.newBucket("rawpath");
    }

    private String objects() {
        return "/api/v1/buckets/" + bucket + "/objects/";
    }

    @Test
    void dotSegmentsInTheKeyAre400InvalidKeyForEveryMethodAndTouchNothing() throws IOException {
        assertEquals(201, send("PUT", objects() + "lit.txt", "original").status());
        assertEquals(201, send("PUT", objects() + "a/lit.txt", "inner").status());
        for (String dot : DOT_SEGMENTS) {
            for (String path : List.of("a/" + dot + "/lit.txt", dot + "/lit.txt", "a/" + dot, dot, "a/b/" + dot + "/" + dot + "/lit.txt", "a//" + dot + "/lit.txt")) {
                for (String method : METHODS) {
                    Answer a = send(method, objects() + path, "overwritten");
                    assertEquals(400, a.status(), method + " " + path);
                    if (!method.equals("HEAD")) {
                        assertProblem(a, "invalid_key", method + " " + path);
                    }
                }
            }
        }
        assertEquals(List.of("a/lit.txt", "lit.txt"), keys(), "nothing stored, nothing deleted");
        assertEquals("original", send("GET", objects() + "lit.txt", null).body());
        assertEquals("inner", send("GET", objects() + "a/lit.txt", null).body());
    }

    @Test
    void dotSegmentsBeforeTheKeyAre400() throws IOException {
        assertEquals(201, send("PUT", objects() + "k", "original").status());
        for (String dot : DOT_SEGMENTS) {
            for (String method : METHODS) {
                String what = method + " bucket " + dot;
                Answer a = send(method, "/api/v1/buckets/" + dot + "/objects/k", "x");
                assertEquals(400, a.status(), what);
                if (!method.equals("HEAD")) {
                    assertProblem(a, "invalid_bucket_name", what);
                    assertProblem(send(method, "/api/v1/buckets/" + dot + "/buckets/" + bucket + "/objects/k", "x"), "invalid_bucket_name", what);
                    assertProblem(send(method, "/api/v1/buckets/" + bucket + "/" + dot + "/" + bucket + "/objects/k", "x"), "invalid_argument", what);
                    assertProblem(send(method, "/api/v1/" + dot + "/v1/buckets/" + bucket + "/objects/k", "x"), "invalid_argument", what);
                    assertProblem(send(method, "/q/" + dot + "/api/v1/buckets/" + bucket + "/objects/k", "x"), "invalid_argument", what);
                }
            }
            assertProblem(send("PUT", "/api/v1/buckets/" + dot, null), "invalid_bucket_name", "create " + dot);
            assertProblem(send("DELETE", "/api/v1/buckets/" + bucket + "/" + dot, null), "invalid_argument", "delete " + dot);
            assertProblem(send("GET", "/api/v1/buckets/" + bucket + "/objects/" + dot + "?prefix=k", null), "invalid_key", "list " + dot);
            assertProblem(send("GET", "/api/v1/buckets/" + bucket + "/placement/" + dot, null), "invalid_argument", "placement " + dot);
        }
        assertEquals(List.of("k"), keys(), "nothing stored, nothing deleted");
        assertEquals(200, as(READER).get("/api/v1/buckets/" + bucket + "/placement").statusCode(), "the bucket is still there");
    }

    @Test
    void emptySegmentsBeforeTheKeyAre400() throws IOException {
        assertProblem(send("PUT", "/api/v1/buckets/" + bucket + "//objects/k", "x"), "invalid_argument", "after the bucket");
        assertProblem(send("PUT", "/api/v1/buckets//" + bucket + "/objects/k", "x"), "invalid_bucket_name", "empty bucket");
        assertProblem(send("PUT", "//api/v1/buckets/" + bucket + "/objects/k", "x"), "invalid_argument", "leading");
        assertProblem(send("GET", "/api/v1//buckets", null), "invalid_argument", "bucket list");
        assertEquals(List.of(), keys());
        assertEquals(200, send("GET", "/api/v1/buckets/" + bucket + "/objects/", null).status(), "a trailing slash on the listing stays allowed");
    }

    @Test
    void slashesAsSentAreKeysOfTheirOwn() throws IOException {
        List<String> keys = List.of("tdir/", "tdir", "tdir/x", "x//y", "x/y", "/lead", "lead", "a///", "a", "//x//", "/", "m;x=1/y;z");
        for (String key : keys) {
            String path = key.equals("/") ? "%2F" : key;
            Answer put = send("PUT", objects() + path, "content of " + key);
            assertEquals(201, put.status(), key + ": " + put.body());
            assertTrue(put.body().contains("\"key\":\"" + key + "\""), key + ": " + put.body());
        }
        for (String key : keys) {
            String path = key.equals("/") ? "%2F" : key;
            assertEquals("content of " + key, send("GET", objects() + path, null).body(), "GET " + key);
            assertEquals(200, send("HEAD", objects() + path, null).status(), "HEAD " + key);
        }
        assertEquals("content of x//y", send("GET", objects() + "x%2F%2Fy", null).body(), "x//y sent as %2F%2F is the same key");
        assertEquals(keys.stream().sorted().toList(), keys(), "the listing shows every key exactly");
        assertEquals(204, send("DELETE", objects() + "x//y", null).status());
        assertEquals(404, send("GET", objects() + "x//y", null).status(), "GET x//y never answers x/y");
        assertEquals("content of x/y", send("GET", objects() + "x/y", null).body(), "deleting x//y keeps x/y");
        assertEquals(204, send("DELETE", objects() + "tdir/", null).status());
        assertEquals("content of tdir", send("GET", objects() + "tdir", null).body(), "deleting tdir/ keeps tdir");
        assertEquals(404, send("HEAD", objects() + "tdir/", null).status());
    }

    @Test
    void aKeyOfOnlySlashesSentAsIsIsRefused() throws IOException {
        for (String method : METHODS) {
            for (String path : List.of("/", "//", "///")) {
                Answer a = send(method, objects() + path, "x");
                assertEquals(400, a.status(), method + " " + path);
                if (!method.equals("HEAD")) {
                    assertProblem(a, "invalid_key", method + " " + path);
                }
            }
        }
        assertEquals(List.of(), keys());
    }

    @Test
    void aRefusedHeadLeavesTheConnectionUsable() throws IOException {
        assertEquals(201, send("PUT", objects() + "k", "kept").status());
        try (RawHttp raw = new RawHttp()) {
            raw.head("HEAD", objects() + "a/../k", "Authorization: Bearer " + READER);
            RawHttp.Reply refused = raw.readHead();
            assertEquals(400, refused.status());
            assertEquals("application/problem+json", refused.header("Content-Type"));
            raw.head("GET", objects() + "k", "Authorization: Bearer " + READER);
            RawHttp.Reply next = raw.readHead();
            assertEquals(200, next.status(), "the HEAD answer carried no body that would be read as the next response");
            assertEquals("kept", new String(raw.readBody(4), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRefusedUploadClosesTheConnectionInsteadOfReadingTheBody() throws IOException {
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", objects() + "a/%2e%2e/big", "Authorization: Bearer " + ADMIN, "Content-Length: 1000000000");
            RawHttp.Reply refused = raw.readHead();
            assertEquals(400, refused.status());
            assertEquals("close", refused.header("Connection"));
        }
        assertEquals(List.of(), keys());
    }

    private List<String> keys() {
        return as(READER).get("/api/v1/buckets/" + bucket + "/objects").then().statusCode(200).extract().jsonPath().getList("objects.key", String.class);
    }

    private static void assertProblem(Answer a, String code, String what) {
        assertEquals(400, a.status(), what + ": " + a.body());
        assertEquals("application/problem+json", a.contentType(), what);
        assertTrue(a.body().contains("\"code\":\"" + code + "\""), what + ": " + a.body());
    }

    /** One request on its own connection, the path exactly as given. */
    private static Answer send(String method, String path, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (RawHttp raw = new RawHttp()) {
            raw.head(method, path, "Authorization: Bearer " + (method.equals("GET") || method.equals("HEAD") ? READER : ADMIN),
                    "Content-Length: " + bytes.length, "Content-Type: text/plain", "Connection: close").send(bytes);
            RawHttp.Reply reply = raw.readHead();
            String length = reply.header("Content-Length");
            byte[] got = method.equals("HEAD") || length == null ? new byte[0] : raw.readBody(Long.parseLong(length));
            return new Answer(reply.status(), reply.header("Content-Type"), new String(got, StandardCharsets.UTF_8));
        }
    }

    private record Answer(int status, String contentType, String body) {
    }
}
