package dev.passerelle.signing.sigv4;

import dev.passerelle.signing.Hmac;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signer and the verifier against AWS's published vectors (files under src/test/resources/sigv4,
 * each naming its source): the canonical request where the vector publishes it, the signature, and the
 * verifier accepting the signed request and refusing it once any signed part changes.
 */
class SigV4VectorsTest {

    @TestFactory
    List<DynamicTest> awsSigV4TestSuite() throws IOException {
        return tests(Vectors.read("/sigv4/aws-sig-v4-test-suite.txt"));
    }

    @TestFactory
    List<DynamicTest> s3HeaderExamples() throws IOException {
        return tests(Vectors.read("/sigv4/s3-examples.txt"));
    }

    private static List<DynamicTest> tests(Vectors v) {
        String accessKey = v.settings.get("access-key");
        String secret = v.settings.get("secret-key");
        String region = v.settings.get("region");
        String service = v.settings.get("service");
        SigV4Signer signer = new SigV4Signer(accessKey, secret, region, service);
        List<DynamicTest> tests = new ArrayList<>();
        for (Vectors.Case c : v.cases) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                String payload = Hmac.sha256Hex(c.body());
                if (c.creq() != null) {
                    assertEquals(c.creq().replace('|', '\n'), SigV4.canonicalRequest(c.method(), c.path(), c.query(), c.headers(), payload), "canonical request");
                }
                String auth = signer.authorization(c.method(), c.path(), c.query(), c.headers(), payload);
                String day = c.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("x-amz-date")).findFirst().orElseThrow()
                        .getValue().substring(0, 8);
                assertEquals(SigV4.ALGORITHM + " Credential=" + accessKey + "/" + day + "/" + region + "/" + service + "/aws4_request, SignedHeaders="
                        + SigV4.signedHeaderNames(c.headers()) + ", Signature=" + c.signature(), auth);

                Map<String, String> received = new LinkedHashMap<>(c.headers());
                received.put("Authorization", auth);
                assertTrue(SigV4Verifier.verify(c.method(), c.path(), c.query(), received, payload, secret), "verifies");
                assertFalse(SigV4Verifier.verify(c.method(), c.path(), c.query(), received, payload, secret + "x"), "another secret");
                assertFalse(SigV4Verifier.verify("DELETE", c.path(), c.query(), received, payload, secret), "another method");
                assertFalse(SigV4Verifier.verify(c.method(), c.path() + "x", c.query(), received, payload, secret), "another path");
                assertFalse(SigV4Verifier.verify(c.method(), c.path(), c.query(), received, SigV4.UNSIGNED_PAYLOAD, secret), "another payload");
                Map<String, String> changed = new LinkedHashMap<>(received);
                changed.replaceAll((k, val) -> k.equalsIgnoreCase("host") ? "other.example.com" : val);
                assertFalse(SigV4Verifier.verify(c.method(), c.path(), c.query(), changed, payload, secret), "another host");
            }));
        }
        return tests;
    }

    /** AWS's S3 "Authenticating Requests: Using Query Parameters" example (GET /test.txt, 86400 s). */
    @Test
    void presignedGetMatchesTheS3QueryStringExample() {
        SigV4Signer signer = new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");
        Instant at = Instant.parse("2013-05-24T00:00:00Z");
        Map<String, String> headers = Map.of("Host", "examplebucket.s3.amazonaws.com");
        String query = signer.presignedQuery("GET", "/test.txt", null, headers, at, Duration.ofDays(1));
        assertEquals("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", query);
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertTrue(SigV4Verifier.verifyPresigned("GET", "/test.txt", query, headers, secret, at.plusSeconds(3600)));
        assertFalse(SigV4Verifier.verifyPresigned("GET", "/test.txt", query, headers, secret, at.plusSeconds(86401)), "expired");
        assertFalse(SigV4Verifier.verifyPresigned("GET", "/other.txt", query, headers, secret, at), "another key");
        assertFalse(SigV4Verifier.verifyPresigned("GET", "/test.txt", query.replace("Expires=86400", "Expires=90000"), headers, secret, at),
                "a longer expiry than signed");
    }

    /** The signing-key derivation example of AWS's General Reference ("Examples of how to derive a signing key"). */
    @Test
    void signingKeyMatchesTheDerivationExample() {
        assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
                Hmac.hex(SigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")));
    }

    @Test
    void theDayKeyIsCachedPerDay() {
        SigV4Signer signer = new SigV4Signer("a", "s", "r", "s3");
        byte[] first = signer.signingKey("20261203");
        assertTrue(first == signer.signingKey("20261203"), "same day: the cached key");
        assertFalse(first == signer.signingKey("20261204"), "next day: a new key");
        assertEquals(Hmac.hex(SigV4.signingKey("s", "20261204", "r", "s3")), Hmac.hex(signer.signingKey("20261204")));
    }

    @Test
    void aMalformedAuthorizationIsRefusedNotThrown() {
        Map<String, String> h = new LinkedHashMap<>(Map.of("host", "h", "x-amz-date", "20261203T000000Z"));
        for (String bad : new String[] {"AWS4-HMAC-SHA256 Credential=a/b, Signature=x", "AWS4-HMAC-SHA256 ", "Basic abc",
            "AWS4-HMAC-SHA256 Credential=a/20261203/r/s3/aws4_request, SignedHeaders=host;missing, Signature=00"}) {
            h.put("authorization", bad);
            assertFalse(SigV4Verifier.verify("GET", "/", null, h, SigV4.EMPTY_SHA256, "s"), bad);
        }
    }
}
