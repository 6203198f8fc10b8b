package dev.passerelle.signing.sigv4;

import dev.passerelle.signing.Hmac;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a received request's Signature V4, for a server (the S3 front door): parse the
 * credential, look up its secret, then {@link #verify} recomputes the signature over exactly the
 * headers the client declared signed and compares in constant time. Clock skew and which access
 * keys exist are the caller's policy; this class answers only "does this signature match".
 */
public final class SigV4Verifier {
    private SigV4Verifier() {
    }

    /**
     * The parts of an {@code Authorization: AWS4-HMAC-SHA256 ...} header (or of a presigned query).
     *
     * @param accessKey the access key id
     * @param day the scope's day, {@code yyyyMMdd}
     * @param region the scope's region
     * @param service the scope's service
     * @param signedHeaders the signed header names, lower case, as declared
     * @param signature the hex signature
     */
    public record Credential(String accessKey, String day, String region, String service, List<String> signedHeaders, String signature) {
    }

    /** @return the parsed header, or empty when it is not a well-formed SigV4 Authorization header */
    public static Optional<Credential> parseAuthorization(String header) {
        if (header == null || !header.startsWith(SigV4.ALGORITHM + " ")) {
            return Optional.empty();
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String p : header.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        return credential(parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"));
    }

    private static Optional<Credential> credential(String credential, String signedHeaders, String signature) {
        if (credential == null || signedHeaders == null || signature == null) {
            return Optional.empty();
        }
        String[] c = credential.split("/");
        if (c.length != 5 || !c[4].equals("aws4_request") || c[1].length() != 8) {
            return Optional.empty();
        }
        return Optional.of(new Credential(c[0], c[1], c[2], c[3], Arrays.asList(signedHeaders.split(";")), signature));
    }

    /**
     * Verifies the header form.
     *
     * @param method the HTTP method
     * @param rawPath the path exactly as received on the request line
     * @param rawQuery the query exactly as received (without '?'), or null
     * @param headers the received headers (names in any case; repeated values joined by ','), Authorization included
     * @param payloadHash the {@code x-amz-content-sha256} the client declared (the caller checks it against the body it reads)
     * @param secretKey the secret of the credential's access key
     * @return whether the signature matches; false for a missing or malformed header, a signed header
     *         absent from the request, a scope day that is not x-amz-date's, or another signature
     */
    public static boolean verify(String method, String rawPath, String rawQuery, Map<String, String> headers, String payloadHash, String secretKey) {
        Map<String, String> lower = lower(headers);
        Optional<Credential> parsed = parseAuthorization(lower.get("authorization"));
        String amzDate = lower.get("x-amz-date");
        if (parsed.isEmpty() || amzDate == null || !amzDate.startsWith(parsed.get().day())) {
            return false;
        }
        return matches(parsed.get(), method, rawPath, rawQuery, lower, payloadHash, amzDate, secretKey);
    }

    /**
     * Verifies the presigned-query form (payload unsigned).
     *
     * @param now the server's clock, to refuse an expired URL
     * @return whether the URL is signed by that secret and not expired
     */
    public static boolean verifyPresigned(String method, String rawPath, String rawQuery, Map<String, String> headers, String secretKey, Instant now) {
        if (rawQuery == null) {
            return false;
        }
        Map<String, String> q = new LinkedHashMap<>();
        StringBuilder withoutSignature = new StringBuilder();
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            if (name.equals("X-Amz-Signature")) {
                q.put(name, part.substring(eq + 1));
                continue;
            }
            q.put(name, eq < 0 ? "" : SigV4.percentDecode(part.substring(eq + 1)));
            withoutSignature.append(withoutSignature.length() == 0 ? "" : "&").append(part);
        }
        if (!SigV4.ALGORITHM.equals(q.get("X-Amz-Algorithm")) || q.get("X-Amz-Date") == null || q.get("X-Amz-Expires") == null) {
            return false;
        }
        Optional<Credential> parsed = credential(q.get("X-Amz-Credential"), q.get("X-Amz-SignedHeaders"), q.get("X-Amz-Signature"));
        String amzDate = q.get("X-Amz-Date");
        if (parsed.isEmpty() || !amzDate.startsWith(parsed.get().day())) {
            return false;
        }
        try {
            Instant signedAt = Instant.from(SigV4.AMZ_DATE.parse(amzDate));
            if (now.isAfter(signedAt.plus(Duration.ofSeconds(Long.parseLong(q.get("X-Amz-Expires")))))) {
                return false;
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return false;
        }
        return matches(parsed.get(), method, rawPath, withoutSignature.toString(), lower(headers), SigV4.UNSIGNED_PAYLOAD, amzDate, secretKey);
    }

    private static boolean matches(Credential c, String method, String rawPath, String rawQuery, Map<String, String> lower, String payloadHash,
                                   String amzDate, String secretKey) {
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : c.signedHeaders()) {
            String v = lower.get(name);
            if (v == null) {
                return false;
            }
            signed.put(name, v);
        }
        if (!signed.containsKey("host")) {
            return false;
        }
        String expected = new SigV4Signer(c.accessKey(), secretKey, c.region(), c.service())
                .signature(amzDate, SigV4.canonicalRequest(method, rawPath, rawQuery, signed, payloadHash));
        return Hmac.constantTimeEquals(expected, c.signature());
    }

    private static Map<String, String> lower(Map<String, String> headers) {
        Map<String, String> m = new LinkedHashMap<>();
        headers.forEach((k, v) -> m.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> a + "," + b));
        return m;
    }
}
