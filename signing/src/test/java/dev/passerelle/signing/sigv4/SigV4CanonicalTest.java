package dev.passerelle.signing.sigv4;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The canonical request of S3 requests with awkward header values, against an independent signer (botocore). */
class SigV4CanonicalTest {
    private static final String EMPTY = SigV4.EMPTY_SHA256;

    @Test
    void runsOfSpacesInsideAValueAreSignedAsOneAndBlanksAroundItAreDropped() {
        Map<String, String> signed = Map.of(
                "x-amz-meta-two-spaces", "a  b",
                "x-amz-meta-many", "  x     y   z  ",
                "content-type", "text/plain;  charset=utf-8",
                "host", "127.0.0.1:9100",
                "x-amz-content-sha256", EMPTY,
                "x-amz-date", "20261203T101500Z");
        // botocore 1.43.11 (S3SigV4Auth.canonical_request) for the same request, as the expected value:
        // it applies AWS's Trimall rule (before the fix the values were only trimmed: "a  b" was signed as is
        // and a host that canonicalises by the rule answers SignatureDoesNotMatch)
        String botocore = "PUT\n/bucket/awk%20ward\n\ncontent-type:text/plain; charset=utf-8\nhost:127.0.0.1:9100\n"
                + "x-amz-content-sha256:" + EMPTY + "\nx-amz-date:20261203T101500Z\nx-amz-meta-many:x y z\n"
                + "x-amz-meta-two-spaces:a b\n\ncontent-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-many;x-amz-meta-two-spaces\n"
                + EMPTY;
        assertEquals(botocore, SigV4.canonicalRequest("PUT", "/bucket/" + SigV4.uriEncode("awk ward", true), null, signed, EMPTY));
    }

    @Test
    void valuesWithoutRunsOfSpacesAreOnlyTrimmed() {
        assertEquals("a b", SigV4.canonicalValue(" a b "));
        assertEquals("a\tb", SigV4.canonicalValue("a\tb"));
        assertEquals("", SigV4.canonicalValue("   "));
        assertEquals("=?UTF-8?B?ICBwYWRkZWQgIA==?=", SigV4.canonicalValue("=?UTF-8?B?ICBwYWRkZWQgIA==?="));
    }

    @Test
    void keysAreEncodedAsMinioJavaEncodesThem() {
        assertEquals("a/b%20c/%C3%A9t%C3%A9/~x_y-z.%2A%2B%28%29%24", SigV4.uriEncode("a/b c/été/~x_y-z.*+()$", true));
        assertEquals("a%2Fb", SigV4.uriEncode("a/b", false));
    }

    @Test
    void theQueryIsSortedAndReencoded() {
        assertEquals("a=1&b=&list-type=2&prefix=a%2Fb~", SigV4.canonicalQuery("prefix=a/b%7E&list-type=2&b&a=1"));
    }
}
