package dev.passerelle.signing.sigv4;

import dev.passerelle.signing.Hmac;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical forms of AWS Signature Version 4, as S3 applies them: the canonical request (method,
 * URI as sent, canonical query, canonical headers with AWS's Trimall rule, signed header names,
 * payload hash), the credential scope and the string to sign. Pure functions: {@link SigV4Signer}
 * signs with them and {@link SigV4Verifier} checks a received request with the same code.
 *
 * <p>S3's rule for the URI: the path is signed exactly as it travels (each byte outside
 * {@code A-Z a-z 0-9 - _ . ~ /} percent-encoded once by the sender), never normalised and never
 * encoded a second time; other AWS services normalise and double-encode, which S3 does not.
 */
public final class SigV4 {
    /** The algorithm name in the Authorization header and the string to sign. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The SHA-256 of an empty body. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** The payload hash of a request whose body is not signed (presigned URLs, some streamed uploads). */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** {@code x-amz-date}'s format, {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
    public static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SigV4() {
    }

    /**
     * @param method the HTTP method
     * @param rawPath the path as sent on the request line (already percent-encoded), e.g. {@code /bucket/a%20b}
     * @param rawQuery the query as sent, without '?', or null/empty
     * @param signedHeaders the signed headers (names in any case; several values of one name joined by ',')
     * @param payloadHash the body's hex SHA-256, or {@link #UNSIGNED_PAYLOAD}
     * @return the canonical request, lines joined by '\n'
     */
    public static String canonicalRequest(String method, String rawPath, String rawQuery, Map<String, String> signedHeaders, String payloadHash) {
        TreeMap<String, String> headers = canonicalHeaders(signedHeaders);
        StringBuilder sb = new StringBuilder(256).append(method).append('\n')
                .append(rawPath == null || rawPath.isEmpty() ? "/" : rawPath).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        headers.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        return sb.append('\n').append(String.join(";", headers.keySet())).append('\n').append(payloadHash).toString();
    }

    /**
     * @return the headers as they are signed: names lower-cased and sorted, values by {@link #canonicalValue},
     *         values of names that differ only in case joined by ','
     */
    public static TreeMap<String, String> canonicalHeaders(Map<String, String> headers) {
        TreeMap<String, String> out = new TreeMap<>();
        headers.forEach((k, v) -> out.merge(k.toLowerCase(Locale.ROOT), canonicalValue(v), (a, b) -> a + "," + b));
        return out;
    }

    /** @return the SignedHeaders value: the lower-cased names, sorted, joined by ';' */
    public static String signedHeaderNames(Map<String, String> headers) {
        return String.join(";", canonicalHeaders(headers).keySet());
    }

    /**
     * A header value as SigV4 signs it: blanks around it removed and every run of spaces inside it
     * collapsed to one space (AWS's "Trimall"; the host canonicalises what it receives the same way,
     * so a value sent with two spaces is signed with one).
     */
    public static String canonicalValue(String value) {
        String v = value == null ? "" : value.trim();
        if (v.indexOf("  ") < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch != ' ' || sb.length() == 0 || sb.charAt(sb.length() - 1) != ' ') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /**
     * The canonical query: each parameter percent-decoded and re-encoded by {@link #uriEncode}
     * (so {@code ~} and {@code %7E} sign alike), a name without '=' given an empty value, sorted by
     * name then value, joined by '&amp;'. A '+' is a literal plus (S3 does not form-decode).
     *
     * @param rawQuery the query as sent, without '?', or null
     */
    public static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            params.add(new String[] {uriEncode(percentDecode(name), false), uriEncode(percentDecode(value), false)});
        }
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /**
     * AWS's URI encoding: every UTF-8 byte but {@code A-Z a-z 0-9 - _ . ~} as {@code %XY} (upper-case hex).
     *
     * @param keepSlash whether '/' stays as is (object key paths) or is encoded (query values)
     */
    public static String uriEncode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~'
                    || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** @return the credential scope {@code day/region/service/aws4_request} */
    public static String scope(String day, String region, String service) {
        return day + "/" + region + "/" + service + "/aws4_request";
    }

    /** @return the string to sign: algorithm, x-amz-date, scope and the canonical request's hex SHA-256 */
    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + Hmac.sha256Hex(canonicalRequest);
    }

    /** @return the signing key of one day: HMAC chain over "AWS4" + secret, day, region, service, "aws4_request" */
    public static byte[] signingKey(String secretKey, String day, String region, String service) {
        byte[] k = Hmac.sha256(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        return Hmac.sha256(Hmac.sha256(Hmac.sha256(k, region), service), "aws4_request");
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
