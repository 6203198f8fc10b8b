package dev.passerelle.signing.sharedkey;

import dev.passerelle.signing.Hmac;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Azure Storage's Shared Key scheme for the Blob service (version 2009-09-19 and later string to
 * sign), as the Storage REST API documents it ("Authorize with Shared Key") and the Azure SDK for
 * Java signs it: sign with {@link #authorization}, check a received request with {@link #verify}.
 * One instance holds one account's name and key; thread-safe.
 */
public final class SharedKey {
    /** The standard headers of the string to sign, in its order. */
    private static final String[] STANDARD_HEADERS = {"content-encoding", "content-language", "content-length", "content-md5",
        "content-type", "date", "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range"};

    private final String account;
    private final byte[] key;

    /**
     * @param account the storage account's name
     * @param key the account key (decoded from its base64); never logged
     */
    public SharedKey(String account, byte[] key) {
        this.account = account;
        this.key = key.clone();
    }

    /** @return the account name */
    public String account() {
        return account;
    }

    /**
     * The string to sign: the method, the eleven standard headers (Content-Length empty when 0, Date
     * empty when x-ms-date is given), the canonicalized x-ms- headers, the canonicalized resource.
     *
     * @param method the HTTP method
     * @param headers the request's headers, names in any case (Content-Length included when one is sent)
     * @param canonicalizedResource from {@link #canonicalizedResource}
     */
    public static String stringToSign(String method, Map<String, String> headers, String canonicalizedResource) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        StringBuilder sb = new StringBuilder(256).append(method.toUpperCase(Locale.ROOT)).append('\n');
        for (String h : STANDARD_HEADERS) {
            String v = lower.getOrDefault(h, "");
            if (h.equals("content-length") && v.equals("0") || h.equals("date") && lower.containsKey("x-ms-date")) {
                v = "";
            }
            sb.append(v).append('\n');
        }
        sb.append(canonicalizedHeaders(lower));
        return sb.append(canonicalizedResource).toString();
    }

    /**
     * The x-ms- headers, lower-cased, in the order of a root-locale {@link Collator} (the order the
     * Azure SDK for Java signs in, which Azure and Azurite verify), each {@code name:value\n}.
     */
    static String canonicalizedHeaders(Map<String, String> lower) {
        List<String> names = new ArrayList<>();
        for (String name : lower.keySet()) {
            if (name.startsWith("x-ms-")) {
                names.add(name);
            }
        }
        names.sort(Collator.getInstance(Locale.ROOT));
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            sb.append(name).append(':').append(lower.get(name).trim()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The canonicalized resource: {@code /account} and the URL's path as sent, then each query
     * parameter on its own line as {@code name:value} (names lower-cased and sorted, values decoded,
     * a repeated name's values sorted and joined by ',').
     *
     * @param account the account name
     * @param rawPath the URL's path as sent (percent-encoded), e.g. {@code /devstoreaccount1/c/a%20b} on Azurite
     * @param rawQuery the query without '?', or null
     */
    public static String canonicalizedResource(String account, String rawPath, String rawQuery) {
        StringBuilder sb = new StringBuilder("/").append(account).append(rawPath == null || rawPath.isEmpty() ? "/" : rawPath);
        if (rawQuery == null || rawQuery.isEmpty()) {
            return sb.toString();
        }
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        params.forEach((name, values) -> {
            Collections.sort(values);
            sb.append('\n').append(name).append(':').append(String.join(",", values));
        });
        return sb.toString();
    }

    /** @return the base64 HMAC-SHA256 of the string to sign under this account's key */
    public String signature(String stringToSign) {
        return Base64.getEncoder().encodeToString(Hmac.sha256(key, stringToSign));
    }

    /**
     * @param rawPath the URL's path as sent
     * @param rawQuery the query as sent, or null
     * @param headers the headers that will be sent (x-ms-date and x-ms-version included)
     * @return the value of the {@code Authorization} header, {@code SharedKey account:signature}
     */
    public String authorization(String method, String rawPath, String rawQuery, Map<String, String> headers) {
        return "SharedKey " + account + ":" + signature(stringToSign(method, headers, canonicalizedResource(account, rawPath, rawQuery)));
    }

    /**
     * Checks a received request, for a server (the Azure Blob front door): the Authorization header
     * must name this account and carry the signature of the request as received; compared in
     * constant time. The age of x-ms-date is the caller's policy.
     *
     * @param headers the received headers, Authorization included, names in any case
     * @return whether the request is signed with this account's key
     */
    public boolean verify(String method, String rawPath, String rawQuery, Map<String, String> headers) {
        String given = null;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("authorization")) {
                given = h.getValue();
            }
        }
        String prefix = "SharedKey " + account + ":";
        if (given == null || !given.startsWith(prefix)) {
            return false;
        }
        Map<String, String> signed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.putAll(headers);
        signed.remove("authorization");
        String expected = signature(stringToSign(method, signed, canonicalizedResource(account, rawPath, rawQuery)));
        return Hmac.constantTimeEquals(expected, given.substring(prefix.length()));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
