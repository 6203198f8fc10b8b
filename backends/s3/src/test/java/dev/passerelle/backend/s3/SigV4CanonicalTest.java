package dev.passerelle.backend.s3;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The canonical request of {@link DirectS3Http}'s SigV4 signer, against an independent signer. */
class SigV4CanonicalTest {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void runsOfSpacesInsideAValueAreSignedAsOneAndBlanksAroundItAreDropped() {
        TreeMap<String, String> signed = new TreeMap<>(Map.of(
                "x-amz-meta-two-spaces", "a  b",
                "x-amz-meta-many", "  x     y   z  ",
                "content-type", "text/plain;  charset=utf-8",
                "host", "127.0.0.1:9100",
                "x-amz-content-sha256", EMPTY,
                "x-amz-date", "20261203T101500Z"));
        // botocore 1.43.11 (S3SigV4Auth.canonical_request) for the same request, as the expected value:
        // it applies AWS's Trimall rule (before the fix the values were only trimmed: "a  b" was signed as is
        // and a host that canonicalises by the rule answers SignatureDoesNotMatch)
        String botocore = "PUT\n/bucket/awk%20ward\n\ncontent-type:text/plain; charset=utf-8\nhost:127.0.0.1:9100\n"
                + "x-amz-content-sha256:" + EMPTY + "\nx-amz-date:20261203T101500Z\nx-amz-meta-many:x y z\n"
                + "x-amz-meta-two-spaces:a b\n\ncontent-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-many;x-amz-meta-two-spaces\n"
                + EMPTY;
        assertEquals(botocore, DirectS3Http.canonicalRequest("PUT", "/bucket/" + DirectS3Http.encodePath("awk ward"), signed, EMPTY));
    }

    @Test
    void valuesWithoutRunsOfSpacesAreOnlyTrimmed() {
        assertEquals("a b", DirectS3Http.canonicalValue(" a b "));
        assertEquals("a\tb", DirectS3Http.canonicalValue("a\tb"));
        assertEquals("", DirectS3Http.canonicalValue("   "));
        assertEquals("=?UTF-8?B?ICBwYWRkZWQgIA==?=", DirectS3Http.canonicalValue("=?UTF-8?B?ICBwYWRkZWQgIA==?="));
    }
}
