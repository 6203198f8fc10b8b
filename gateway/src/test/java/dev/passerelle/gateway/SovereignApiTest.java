package dev.passerelle.gateway;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.sovereign.audit.AuditVerification;
import dev.passerelle.sovereign.audit.AuditVerifier;
import dev.passerelle.sovereign.crypto.LegacyEnvelopeV1;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.passerelle.gateway.GatewayTestResource.ADMIN;
import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.SovereignTestResource.HEALTH;
import static dev.passerelle.gateway.SovereignTestResource.VAULT;
import static dev.passerelle.gateway.SovereignTestResource.VAULT_2;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sovereign controls through the REST API: placement, an encrypted bucket (round trip, ranges
 * across a 64 KiB chunk, ciphertext on disk, a tampered chunk aborting the transfer), and the audit
 * trail of gateway requests.
 */
@QuarkusTest
@WithTestResource(SovereignTestResource.class)
class SovereignApiTest {
    private static final byte[] PATTERN = "PATIENT-0042 diagnosis: confidential;".getBytes(StandardCharsets.US_ASCII);

    @BeforeEach
    void buckets() {
        for (String b : List.of(VAULT, VAULT_2, HEALTH)) {
            int status = as(ADMIN).put("/api/v1/buckets/" + b).statusCode();
            assertTrue(status == 201 || status == 409, "create " + b + ": " + status);
        }
    }

    private static byte[] plaintext(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = PATTERN[i % PATTERN.length];
        }
        return b;
    }

    private static String objectUrl(String bucket, String key) {
        return "/api/v1/buckets/" + bucket + "/objects/" + key;
    }

    /** @return the host file holding an object (the only file under the container larger than its plaintext) */
    private static Path storedFile(String bucket, String key, int plainSize) throws IOException {
        try (Stream<Path> s = Files.walk(GatewayTestResource.base().resolve("data").resolve(bucket))) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().contains(key)).filter(p -> size(p) > plainSize)
                    .findFirst().orElseThrow(() -> new AssertionError("no stored file for " + key));
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void placementExplainsWhereABucketLivesAndWhichRuleAllowsIt() {
        as(READER).get("/api/v1/buckets/" + VAULT + "/placement").then().statusCode(200)
                .body("bucket", equalTo(VAULT)).body("backend", equalTo("local")).body("jurisdiction", equalTo("FR"))
                .body("certifications", equalTo(List.of("HDS"))).body("encryption", equalTo("required"))
                .body("kekId", equalTo("kek-1")).body("allowed", equalTo(true)).body("rule", equalTo("none"))
                .body("classification", nullValue());
        as(READER).get("/api/v1/buckets/" + HEALTH + "/placement").then().statusCode(200)
                .body("classification", equalTo("health")).body("encryption", equalTo("none")).body("kekId", nullValue())
                .body("allowed", equalTo(true)).body("rule", equalTo("passerelle.policy.health.allowed-jurisdictions"));
        RestAssured.given().get("/api/v1/buckets/" + VAULT + "/placement").then().statusCode(401);
        as(READER).get("/api/v1/buckets/Not_A_Bucket/placement").then().statusCode(400);
    }

    @Test
    void anEncryptedBucketRoundTripsAndTheHostKeepsOnlyCiphertext() throws IOException {
        byte[] plain = plaintext(200_000);
        as(WRITER).header("Content-Type", "text/plain").body(plain).put(objectUrl(VAULT, "round-trip.txt")).then().statusCode(201)
                .body("size", equalTo(plain.length));
        Response get = as(READER).get(objectUrl(VAULT, "round-trip.txt"));
        assertEquals(200, get.statusCode());
        assertEquals("text/plain", get.header("Content-Type"));
        assertArrayEquals(plain, get.asByteArray());
        Response range = as(READER).header("Range", "bytes=65526-65545").get(objectUrl(VAULT, "round-trip.txt"));
        assertEquals(206, range.statusCode());
        assertEquals("bytes 65526-65545/200000", range.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(plain, 65_526, 65_546), range.asByteArray(), "a range across the first 64 KiB chunk boundary");
        Response tail = as(READER).header("Range", "bytes=-5").get(objectUrl(VAULT, "round-trip.txt"));
        assertArrayEquals(Arrays.copyOfRange(plain, plain.length - 5, plain.length), tail.asByteArray());
        try (Stream<Path> s = Files.walk(GatewayTestResource.base().resolve("data").resolve(VAULT))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                assertFalse(contains(Files.readAllBytes(f), PATTERN), "plaintext in host file " + f);
            }
        }
    }

    @Test
    void aTamperedChunkAbortsTheDownloadInsteadOfCompletingIt() throws Exception {
        int size = 300_000;
        as(WRITER).body(plaintext(size)).put(objectUrl(VAULT, "tampered.bin")).then().statusCode(201);
        Path stored = storedFile(VAULT, "tampered.bin", size);
        byte[] raw = Files.readAllBytes(stored);
        raw[250_000] ^= 0x01;
        Files.write(stored, raw);
        try (RawHttp http = new RawHttp()) {
            RawHttp.Reply reply = http.head("GET", objectUrl(VAULT, "tampered.bin"), "Authorization: Bearer " + READER).readHead();
            assertEquals(200, reply.status(), "the first chunks verify, so the answer starts");
            assertEquals(Integer.toString(size), reply.header("Content-Length"));
            byte[] body = http.readBody(size);
            assertTrue(body.length < size, "the client must see a broken transfer, got all " + body.length + " bytes");
            assertTrue(body.length >= 65_536, "the authenticated chunks before the bad one were served: " + body.length);
            assertArrayEquals(Arrays.copyOf(plaintext(size), body.length), body, "only authenticated plaintext was served");
        }
        awaitLine("\"key\":\"tampered.bin\"", "\"op\":\"get\"", "\"result\":\"integrity_failure\"");
    }

    @Test
    void aTamperedFirstChunkIsAnsweredAsAnIntegrityFailure() throws IOException {
        int size = 100_000;
        as(WRITER).body(plaintext(size)).put(objectUrl(VAULT, "tampered-head.bin")).then().statusCode(201);
        Path stored = storedFile(VAULT, "tampered-head.bin", size);
        byte[] raw = Files.readAllBytes(stored);
        raw[10] ^= 0x01;
        Files.write(stored, raw);
        as(READER).get(objectUrl(VAULT, "tampered-head.bin")).then().statusCode(502).body("code", equalTo("integrity_failure"));
    }

    @Test
    void twoEncryptedFilesSwappedAtTheHostAreIntegrityFailuresNotEachOthersRecords() throws Exception {
        as(WRITER).header("Content-Type", "text/plain").header("X-Meta-Patient", "A").body("record of patient A".getBytes(StandardCharsets.UTF_8))
                .put(objectUrl(VAULT, "patient-a.txt")).then().statusCode(201);
        as(WRITER).header("Content-Type", "application/x-b").header("X-Meta-Patient", "B").body("record of patient B, longer".getBytes(StandardCharsets.UTF_8))
                .put(objectUrl(VAULT, "patient-b.bin")).then().statusCode(201);
        Path dir = GatewayTestResource.base().resolve("data").resolve(VAULT);
        Path a = dir.resolve("opatient-a.txt");
        Path b = dir.resolve("opatient-b.bin");
        Path aside = dir.resolve("swap.tmp");
        Files.move(a, aside);
        Files.move(b, a);
        Files.move(aside, b);
        for (String key : List.of("patient-a.txt", "patient-b.bin")) {
            Response r = as(READER).header("X-Request-Id", "swap-" + key).get(objectUrl(VAULT, key));
            assertEquals(502, r.statusCode(), key + ": " + r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertEquals("integrity_failure", r.path("code"), r.asString());
            assertFalse(r.asString().contains("patient A") || r.asString().contains("patient B"), r.asString());
            awaitLine("\"key\":\"" + key + "\"", "\"op\":\"get\"", "\"result\":\"integrity_failure\"");
        }
    }

    @Test
    void anEncryptedFileCopiedIntoAnotherBucketAtTheHostIsAnIntegrityFailure() throws Exception {
        // same key, so the host's own bookkeeping matches: only the envelope's binding to its bucket can tell
        as(WRITER).header("Content-Type", "text/plain").body("scan of patient A").put(objectUrl(VAULT, "scan.txt")).then().statusCode(201);
        Path from = GatewayTestResource.base().resolve("data").resolve(VAULT).resolve("oscan.txt");
        Files.copy(from, GatewayTestResource.base().resolve("data").resolve(VAULT_2).resolve("oscan.txt"));
        as(READER).get(objectUrl(VAULT, "scan.txt")).then().statusCode(200).body(equalTo("scan of patient A"));
        Response r = as(READER).get(objectUrl(VAULT_2, "scan.txt"));
        assertEquals(502, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals("integrity_failure", r.path("code"), r.asString());
        as(READER).head(objectUrl(VAULT_2, "scan.txt")).then().statusCode(502);
    }

    @Test
    void anObjectOfEnvelopeVersionOneIsServedAndItsReadIsAuditedAsUnbound() throws Exception {
        // stage an old (version 1) object as the host stores it, through a plain bucket, then place its file in the vault
        byte[] plain = plaintext(70_000);
        byte[] kek = Files.readAllBytes(GatewayTestResource.base().resolve("keys/kek-1.key"));
        LegacyEnvelopeV1.Sealed old = LegacyEnvelopeV1.seal("kek-1", kek, plain, "text/x-old", java.util.Map.of("era", "v1"));
        as(ADMIN).put("/api/v1/buckets/v1-stage").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(409)));
        var put = as(WRITER).header("Content-Type", "application/octet-stream");
        for (var e : old.hostMetadata().entrySet()) {
            put = put.header("X-Meta-" + e.getKey(), e.getValue());
        }
        put.body(old.body()).put(objectUrl("v1-stage", "old-record.bin")).then().statusCode(201);
        Files.copy(GatewayTestResource.base().resolve("data/v1-stage/oold-record.bin"),
                GatewayTestResource.base().resolve("data").resolve(VAULT).resolve("oold-record.bin"));

        Response get = as(READER).header("X-Request-Id", "v1-get-0001").get(objectUrl(VAULT, "old-record.bin"));
        assertEquals(200, get.statusCode(), get.asString());
        assertEquals("text/x-old", get.header("Content-Type"));
        assertEquals("v1", get.header("X-Meta-era"));
        assertArrayEquals(plain, get.asByteArray());
        String line = awaitLine("\"key\":\"old-record.bin\"", "\"op\":\"get\"", "\"bucket\":\"" + VAULT + "\"");
        assertTrue(line.contains("\"result\":\"ok\"") && line.contains("\"unbound\":true"), line);
        as(WRITER).body(plaintext(10)).put(objectUrl(VAULT, "new-record.bin")).then().statusCode(201);
        as(READER).get(objectUrl(VAULT, "new-record.bin")).then().statusCode(200);
        String bound = awaitLine("\"key\":\"new-record.bin\"", "\"op\":\"get\"");
        assertFalse(bound.contains("unbound"), bound);
    }

    @Test
    void auditLinesCarryTheRequestIdTokenNameAndClientAddress() throws Exception {
        as(WRITER).header("X-Request-Id", "audit-put-0001").body("hello").put(objectUrl(HEALTH, "a.txt")).then().statusCode(201);
        as(READER).header("X-Request-Id", "audit-get-0001").get(objectUrl(HEALTH, "a.txt")).then().statusCode(200);
        as(WRITER).header("X-Request-Id", "audit-del-0001").delete(objectUrl(HEALTH, "a.txt")).then().statusCode(204);
        String put = awaitLine("\"client_request\":\"audit-put-0001\"", "\"op\":\"put\"");
        assertFalse(put.contains("\"request\":\"audit-put-0001\""), "the gateway's own id is the request id: " + put);
        assertTrue(put.matches(".*\"request\":\"[0-9a-f-]{36}\".*"), put);
        assertTrue(put.contains("\"caller\":\"writer\"") && put.contains("\"client\":\"127.0.0.1\"") && put.contains("\"bucket\":\"" + HEALTH + "\"")
                && put.contains("\"key\":\"a.txt\"") && put.contains("\"bytes\":5") && put.contains("\"result\":\"ok\""), put);
        String get = awaitLine("\"client_request\":\"audit-get-0001\"", "\"op\":\"get\"");
        assertTrue(get.contains("\"caller\":\"reader\"") && get.contains("\"bytes\":5"), get);
        String del = awaitLine("\"client_request\":\"audit-del-0001\"", "\"op\":\"delete\"");
        assertTrue(del.contains("\"caller\":\"writer\""), del);
        as(READER).header("X-Request-Id", "audit-miss-0001").get(objectUrl(HEALTH, "missing.txt")).then().statusCode(404);
        awaitLine("\"client_request\":\"audit-miss-0001\"", "\"op\":\"get\"", "\"result\":\"" + ErrorKind.OBJECT_NOT_FOUND.code() + "\"");
        AuditVerification v = new AuditVerifier(Files.readAllBytes(SovereignTestResource.auditKey())).verify(SovereignTestResource.auditFile(), null);
        assertTrue(v.ok(), v.summary());
    }

    @Test
    void refusedAccessesAreAuditedWithIdentityBucketKeyAndReason() throws Exception {
        String url = objectUrl(HEALTH, "refused.txt");
        as(READER).header("X-Request-Id", "refused-put-0001").body("x").put(url).then().statusCode(403);
        String put = awaitLine("\"client_request\":\"refused-put-0001\"");
        assertTrue(put.contains("\"caller\":\"reader\",\"op\":\"put\",\"backend\":\"local\",\"bucket\":\"" + HEALTH + "\",\"key\":\"refused.txt\"")
                && put.contains("\"result\":\"forbidden\"") && put.contains("\"reason\":\"token 'reader' has read access; this operation needs write\""), put);

        RestAssured.given().header("X-Request-Id", "refused-get-0001").get(url).then().statusCode(401);
        String anonymous = awaitLine("\"client_request\":\"refused-get-0001\"");
        assertTrue(anonymous.contains("\"caller\":\"anonymous\",\"op\":\"get\"") && anonymous.contains("\"result\":\"unauthorized\"")
                && anonymous.contains("\"client\":\"127.0.0.1\"") && anonymous.contains("\"reason\":\"this request needs an Authorization: Bearer token\""),
                anonymous);

        as("not-a-token").header("X-Request-Id", "refused-bad-0001").get("/api/v1/buckets/" + HEALTH + "/objects").then().statusCode(401);
        String bad = awaitLine("\"client_request\":\"refused-bad-0001\"");
        assertTrue(bad.contains("\"caller\":\"anonymous\",\"op\":\"list\"") && bad.contains("\"reason\":\"the bearer token is not valid\""), bad);

        as(GatewayTestResource.SCOPED).header("X-Request-Id", "refused-scope-01").get("/api/v1/buckets/" + VAULT + "/placement").then().statusCode(403);
        String scope = awaitLine("\"client_request\":\"refused-scope-01\"");
        assertTrue(scope.contains("\"caller\":\"scoped\",\"op\":\"placement\"") && scope.contains("\"bucket\":\"" + VAULT + "\"")
                && scope.contains("\"result\":\"forbidden\"") && scope.contains("may not use bucket"), scope);

        as(WRITER).header("X-Request-Id", "refused-frozen-1").body("x").put(objectUrl(GatewayTestResource.FROZEN_BUCKET, "doc")).then().statusCode(403);
        String frozen = awaitLine("\"client_request\":\"refused-frozen-1\"");
        assertTrue(frozen.contains("\"caller\":\"writer\",\"op\":\"put\"") && frozen.contains("\"result\":\"read_only\""), frozen);

        // a name that reaches a configured bucket's container around its settings: refused before the body, audited
        as(WRITER).header("X-Request-Id", "refused-reserve-1").body("x").put(objectUrl("renamed-store", "doc")).then().statusCode(403)
                .body("code", equalTo("bucket_reserved"));
        String reserved = awaitLine("\"client_request\":\"refused-reserve-1\"");
        assertTrue(reserved.contains("\"caller\":\"writer\",\"op\":\"put\"") && reserved.contains("\"bucket\":\"renamed-store\"")
                && reserved.contains("\"result\":\"bucket_reserved\"") && reserved.contains("belongs to bucket renamed"), reserved);

        AuditVerification v = new AuditVerifier(Files.readAllBytes(SovereignTestResource.auditKey())).verify(SovereignTestResource.auditFile(), null);
        assertTrue(v.ok(), v.summary());
    }

    @Test
    void theAuditFileIsOwnerOnlyAndItsHeadIsPublishedToAdminsOnly() throws Exception {
        Path file = SovereignTestResource.auditFile();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        as(WRITER).body("head").put(objectUrl(HEALTH, "head.txt")).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        Response head = as(ADMIN).get("/api/v1/admin/audit/head");
        assertEquals(200, head.statusCode(), head.asString());
        List<String> lines = Files.readAllLines(file);
        String firstLine = lines.get(0);
        assertTrue(firstLine.contains("\"op\":\"chain-start\",\"instance\":"), firstLine);
        assertEquals(file.toAbsolutePath().toString(), head.jsonPath().getString("file"));
        long count = head.jsonPath().getLong("lines");
        assertTrue(count >= 2 && count <= lines.size(), count + " of " + lines.size());
        String mac = head.jsonPath().getString("mac");
        assertTrue(lines.get((int) count - 1).endsWith("\"mac\":\"" + mac + "\"}"), "line " + count + " carries the head's MAC");
        assertTrue(firstLine.contains("\"seed\":\"" + head.jsonPath().getString("seed") + "\""), firstLine);
        as(READER).get("/api/v1/admin/audit/head").then().statusCode(403);
        RestAssured.given().get("/api/v1/admin/audit/head").then().statusCode(401);
    }

    /** @return the first audit line containing every fragment (a read's line is written when its stream closes) */
    private static String awaitLine(String... fragments) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            for (String line : Files.readAllLines(SovereignTestResource.auditFile())) {
                if (Arrays.stream(fragments).allMatch(line::contains)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no audit line with " + Arrays.toString(fragments) + " in:\n"
                        + String.join("\n", Files.readAllLines(SovereignTestResource.auditFile())));
            }
            Thread.sleep(50);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
