package dev.passerelle.signing.sigv4;

import dev.passerelle.signing.Hmac;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs requests with one access key for one region and service: the header form (an
 * {@code Authorization} value) and the presigned-query form. The signing key depends only on the
 * UTC day, the region, the service and the secret, so it is computed once a day and kept in a typed
 * {@link DayKey}. Thread-safe.
 */
public final class SigV4Signer {
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;
    private volatile DayKey dayKey = new DayKey("", null);

    /** The signing key of one UTC day. */
    private record DayKey(String day, byte[] key) {
    }

    /**
     * @param accessKey the access key id
     * @param secretKey the secret access key; never logged
     * @param region the signing region, e.g. {@code us-east-1}
     * @param service the service name, {@code s3} for S3
     */
    public SigV4Signer(String accessKey, String secretKey, String region, String service) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.service = service;
    }

    /** @return the signing region */
    public String region() {
        return region;
    }

    /** @return the signing key of that day ({@code yyyyMMdd}), from the one-day cache when it is that day's */
    byte[] signingKey(String day) {
        DayKey cached = dayKey;
        if (day.equals(cached.day())) {
            return cached.key();
        }
        byte[] k = SigV4.signingKey(secretKey, day, region, service);
        dayKey = new DayKey(day, k);
        return k;
    }

    /**
     * @param amzDate the request's {@code x-amz-date}
     * @param canonicalRequest the canonical request ({@link SigV4#canonicalRequest})
     * @return the hex signature
     */
    public String signature(String amzDate, String canonicalRequest) {
        String day = amzDate.substring(0, 8);
        return Hmac.hex(Hmac.sha256(signingKey(day), SigV4.stringToSign(amzDate, SigV4.scope(day, region, service), canonicalRequest)));
    }

    /**
     * The header form: the value of the {@code Authorization} header.
     *
     * @param headers the headers to sign; must hold {@code host} and {@code x-amz-date} (and, for S3,
     *                {@code x-amz-content-sha256})
     * @return {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
     */
    public String authorization(String method, String rawPath, String rawQuery, Map<String, String> headers, String payloadHash) {
        TreeMap<String, String> canonical = SigV4.canonicalHeaders(headers);
        String amzDate = canonical.get("x-amz-date");
        if (amzDate == null || canonical.get("host") == null) {
            throw new IllegalArgumentException("the signed headers must hold host and x-amz-date");
        }
        String signature = signature(amzDate, SigV4.canonicalRequest(method, rawPath, rawQuery, headers, payloadHash));
        return SigV4.ALGORITHM + " Credential=" + accessKey + "/" + SigV4.scope(amzDate.substring(0, 8), region, service)
                + ", SignedHeaders=" + String.join(";", canonical.keySet()) + ", Signature=" + signature;
    }

    /**
     * The presigned-query form: the query string a URL carries to be valid without an
     * Authorization header, for an unsigned payload.
     *
     * @param rawQuery the request's own query, or null
     * @param headers the headers to sign (at least {@code host})
     * @param time the signing time
     * @param expires how long the URL is valid (at most 7 days on S3)
     * @return the whole query: the request's own parameters, then the X-Amz-* ones, X-Amz-Signature last
     */
    public String presignedQuery(String method, String rawPath, String rawQuery, Map<String, String> headers, Instant time, Duration expires) {
        String amzDate = SigV4.AMZ_DATE.format(time);
        String day = amzDate.substring(0, 8);
        String auth = "X-Amz-Algorithm=" + SigV4.ALGORITHM
                + "&X-Amz-Credential=" + SigV4.uriEncode(accessKey + "/" + SigV4.scope(day, region, service), false)
                + "&X-Amz-Date=" + amzDate
                + "&X-Amz-Expires=" + expires.toSeconds()
                + "&X-Amz-SignedHeaders=" + SigV4.uriEncode(SigV4.signedHeaderNames(headers), false);
        String query = rawQuery == null || rawQuery.isEmpty() ? auth : rawQuery + "&" + auth;
        String signature = signature(amzDate, SigV4.canonicalRequest(method, rawPath, query, headers, SigV4.UNSIGNED_PAYLOAD));
        return query + "&X-Amz-Signature=" + signature;
    }
}
