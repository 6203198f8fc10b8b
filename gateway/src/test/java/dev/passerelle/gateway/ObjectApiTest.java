package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PUT, GET, HEAD and DELETE of objects: status codes, headers, metadata, checksums and keys. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ObjectApiTest {
    private String bucket;

    @BeforeEach
    void bucket() {
        bucket = TestSupport.newBucket("objects");
    }

    private String url(String encodedKey) {
        return "/api/v1/buckets/" + bucket + "/objects/" + encodedKey;
    }

    @Test
    void putAnswers201ThenOverwrite200WithQuotedEtagAndSha256() {
        byte[] body = "hello passerelle".getBytes(StandardCharsets.UTF_8);
        Response created = as(WRITER).contentType("text/plain").body(body).put(url("greeting.txt"));
        created.then().statusCode(201).header("ETag", matchesPattern("\"[^\"]+\""))
                .body("key", equalTo("greeting.txt")).body("size", equalTo(body.length))
                .body("sha256", equalTo(TestSupport.sha256Hex(body))).body("etag", notNullValue());
        assertEquals("\"" + created.jsonPath().getString("etag") + "\"", created.header("ETag"));
        as(WRITER).body("second version".getBytes(StandardCharsets.UTF_8)).put(url("greeting.txt")).then().statusCode(200);
        as(READER).get(url("greeting.txt")).then().statusCode(200).body(equalTo("second version"));
    }

    @Test
    void ofConcurrentPutsOfANewKeyExactlyOneIsToldItCreatedIt() throws Exception {
        int writers = 12;
        byte[] body = new byte[256 * 1024];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 3; round++) {
                String key = "race-" + round + ".bin";
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
                java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return as(WRITER).body(body).put(url(key)).statusCode();
                    }));
                }
                java.util.List<Integer> statuses = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<Integer> a : answers) {
                    statuses.add(a.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "exactly one 201 for " + key + ": " + statuses);
                assertEquals(writers - 1, statuses.stream().filter(s -> s == 200).count(), "the others replaced it: " + statuses);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void getReturnsBytesAndHeaders() {
        byte[] body = new byte[10_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        as(WRITER).contentType("application/x-test").body(body).put(url("bin")).then().statusCode(201);
        Response r = as(READER).get(url("bin"));
        r.then().statusCode(200).header("Content-Length", "10000").header("Content-Type", "application/x-test")
                .header("Accept-Ranges", "bytes").header("ETag", matchesPattern("\"[^\"]+\""))
                .header("Last-Modified", notNullValue()).header("X-Checksum-SHA256", TestSupport.sha256Hex(body));
        assertArrayEquals(body, r.asByteArray());
    }

    @Test
    void uploadedHtmlIsNeverAPageOfTheGatewaysOrigin() {
        String html = "<html><script>document.title='owned'</script></html>";
        as(WRITER).contentType("text/html").body(html).put(url("page.html")).then().statusCode(201);
        as(READER).get(url("page.html")).then().statusCode(200).contentType("text/html").body(equalTo(html))
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "sandbox");
        as(READER).head(url("page.html")).then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "sandbox");
        as(READER).header("Range", "bytes=0-5").get(url("page.html")).then().statusCode(206)
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "sandbox");
    }

    @Test
    void contentTypeDefaultsToOctetStream() throws Exception {
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", url("raw"), "Authorization: Bearer " + WRITER, "Content-Length: 3").send(new byte[] {1, 2, 3});
            assertEquals(201, raw.readHead().status());
        }
        as(READER).get(url("raw")).then().statusCode(200).header("Content-Type", "application/octet-stream");
    }

    @Test
    void headHasHeadersButNoBody() {
        as(WRITER).body("abc").put(url("h")).then().statusCode(201);
        Response r = as(READER).head(url("h"));
        r.then().statusCode(200).header("Content-Length", "3").header("ETag", notNullValue());
        assertEquals(0, r.asByteArray().length);
        as(READER).head(url("missing")).then().statusCode(404);
    }

    @Test
    void deleteAnswers204ThenMissingIs404NoSuchKey() {
        as(WRITER).body("x").put(url("gone")).then().statusCode(201);
        as(WRITER).delete(url("gone")).then().statusCode(204);
        as(WRITER).delete(url("gone")).then().statusCode(404).contentType("application/problem+json").body("code", equalTo("no_such_key"));
        as(READER).get(url("gone")).then().statusCode(404).body("code", equalTo("no_such_key"))
                .body("status", equalTo(404)).body("title", equalTo("Not Found")).body("requestId", notNullValue());
    }

    @Test
    void unknownBucketIs404NoSuchBucket() {
        as(WRITER).body("x").put("/api/v1/buckets/no-such-bucket-here/objects/k").then().statusCode(404).body("code", equalTo("no_such_bucket"));
        as(READER).get("/api/v1/buckets/no-such-bucket-here/objects/k").then().statusCode(404).body("code", equalTo("no_such_bucket"));
    }

    @Test
    void invalidBucketNameIs400() {
        as(READER).get("/api/v1/buckets/Bad_Name/objects/k").then().statusCode(400).body("code", equalTo("invalid_bucket_name"));
    }

    @Test
    void userMetadataRoundTripsWithUnicodeValues() {
        as(WRITER).header("X-Meta-Owner", "alice").header("X-Meta-City", "Montr%C3%A9al %E2%82%AC").body("m")
                .put(url("meta")).then().statusCode(201);
        as(READER).get(url("meta")).then().statusCode(200).header("X-Meta-owner", "alice")
                .header("X-Meta-city", "Montr%C3%A9al %E2%82%AC");
        as(READER).head(url("meta")).then().statusCode(200).header("X-Meta-city", "Montr%C3%A9al %E2%82%AC");
    }

    @Test
    void badMetadataIs400BeforeTheBody() {
        as(WRITER).header("X-Meta-Bad", "%ZZ").body("m").put(url("meta-bad")).then().statusCode(400).body("code", equalTo("invalid_metadata"));
        as(WRITER).header("X-Meta-Big", "v".repeat(3000)).body("m").put(url("meta-bad")).then().statusCode(400).body("code", equalTo("invalid_metadata"));
        as(READER).get(url("meta-bad")).then().statusCode(404);
    }

    @Test
    void keysWithSlashesSpacesUnicodeAndEncodedSlash() {
        as(WRITER).body("a").put(url("dir/sub/file.txt")).then().statusCode(201);
        as(READER).get(url("dir%2Fsub%2Ffile.txt")).then().statusCode(200).body(equalTo("a"));
        as(WRITER).body("b").put(url("with%20space%20and%20%C3%A9t%C3%A9")).then().statusCode(201).body("key", equalTo("with space and été"));
        as(READER).get(url("with%20space%20and%20%C3%A9t%C3%A9")).then().statusCode(200).body(equalTo("b"));
        as(WRITER).body("c").put(url("literal%252Fpercent")).then().statusCode(201).body("key", equalTo("literal%2Fpercent"));
        as(READER).get(url("literal%252Fpercent")).then().statusCode(200).body(equalTo("c"));
        as(READER).get("/api/v1/buckets/" + bucket + "/objects?prefix=dir/").then().statusCode(200).body("objects[0].key", equalTo("dir/sub/file.txt"));
    }

    @Test
    void invalidKeysAre400InvalidKey() {
        as(WRITER).body("x").put(url("bad%00nul")).then().statusCode(400).body("code", equalTo("invalid_key"));
        as(WRITER).body("x").put(url("bad%C3")).then().statusCode(400).body("code", equalTo("invalid_key"));
        as(WRITER).body("x").put(url("..%2Fb")).then().statusCode(400).body("code", equalTo("invalid_key"));
        as(WRITER).body("x").put(url("a%2F.")).then().statusCode(400).body("code", equalTo("invalid_key"));
        as(WRITER).body("x").put(url("a%2F..%2Fb")).then().statusCode(400).body("code", equalTo("invalid_key"));
        as(WRITER).body("x").put(url("k".repeat(1025))).then().statusCode(400).body("code", equalTo("invalid_key"));
    }

    @Test
    void checksumMismatchStoresNothingAndKeepsThePreviousObject() {
        as(WRITER).body("original").put(url("sum")).then().statusCode(201);
        String wrongMd5 = Base64.getEncoder().encodeToString(new byte[16]);
        as(WRITER).header("Content-MD5", wrongMd5).body("replacement").put(url("sum")).then().statusCode(400).body("code", equalTo("checksum_mismatch"));
        as(WRITER).header("X-Checksum-SHA256", "0".repeat(64)).body("replacement").put(url("sum")).then().statusCode(400).body("code", equalTo("checksum_mismatch"));
        as(READER).get(url("sum")).then().statusCode(200).body(equalTo("original"));
        as(WRITER).header("X-Checksum-SHA256", "0".repeat(64)).body("new").put(url("never")).then().statusCode(400);
        as(READER).get(url("never")).then().statusCode(404);
    }

    @Test
    void matchingChecksumsAreAccepted() throws Exception {
        byte[] body = "checked".getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(body));
        as(WRITER).header("Content-MD5", md5).header("X-Checksum-SHA256", TestSupport.sha256Hex(body).toUpperCase()).body(body)
                .put(url("ok")).then().statusCode(201);
        as(WRITER).header("Content-MD5", "not base64!").body(body).put(url("ok")).then().statusCode(400).body("code", equalTo("invalid_content_md5"));
        as(WRITER).header("X-Checksum-SHA256", "xyz").body(body).put(url("ok")).then().statusCode(400).body("code", equalTo("invalid_checksum"));
    }

    @Test
    void writeConditions() {
        as(WRITER).header("If-None-Match", "*").body("v1").put(url("cond")).then().statusCode(201);
        as(WRITER).header("If-None-Match", "*").body("v2").put(url("cond")).then().statusCode(412).body("code", equalTo("precondition_failed"));
        String etag = as(READER).head(url("cond")).header("ETag");
        as(WRITER).header("If-Match", "\"other\"").body("v3").put(url("cond")).then().statusCode(412);
        as(WRITER).header("If-Match", etag).body("v4").put(url("cond")).then().statusCode(200);
        as(READER).get(url("cond")).then().body(equalTo("v4"));
        as(WRITER).header("If-Match", "*").body("x").put(url("cond-missing")).then().statusCode(412);
    }
}
