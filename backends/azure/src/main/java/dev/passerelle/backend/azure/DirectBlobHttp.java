package dev.passerelle.backend.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.storage.blob.BlobServiceVersion;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.signing.sharedkey.SharedKey;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two hot data-plane calls, Put Blob (a whole body in memory) and Get Blob, sent with the JDK's
 * blocking {@link HttpURLConnection} instead of the SDK's reactive pipeline. Measured on a 2-core
 * machine, 2,000 Put Blob + Get Blob of 1-256 KiB: 2.2 s of client CPU instead of 10.5 s through the
 * SDK (most of the difference is JIT compilation of the much larger code path), and Azurite spent
 * less CPU too. Everything else (staged blocks, listing, copy, containers) stays on the SDK. Used in
 * the gateway and the CLI alike, whatever HTTP client the SDK runs on (ADR 0011).
 *
 * <p>Authentication: Shared Key (signed by the one Shared Key signer, {@code passerelle-signing}), a
 * SAS token (appended to the URL), or Microsoft Entra ID (a bearer token taken from the same
 * azure-identity credential the SDK's pipeline uses, renewed five minutes before it expires).
 * Proxy: the one the SDK's clients read from the same configuration ({@link DirectProxy}). Each request is sent once: a call is retried by core's call layer
 * and only there (docs/retries.md). Failures become {@link DirectHttpException}s for {@link AzureErrors}.
 */
final class DirectBlobHttp {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final TokenRequestContext STORAGE_SCOPE = new TokenRequestContext().addScopes("https://storage.azure.com/.default");
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    private final String endpoint;
    private final String endpointPath;
    private final SharedKey key;
    private final String sas;
    private final TokenCredential credential;
    private volatile AccessToken token;
    private final DirectProxy proxy;
    private final String version = BlobServiceVersion.getLatest().getVersion();
    private final int timeoutMillis;

    /** A failed answer: status and Azure's error code (x-ms-error-code), or a status alone. */
    static final class DirectHttpException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String errorCode;

        DirectHttpException(int status, String errorCode) {
            super("HTTP " + status + (errorCode == null ? "" : " " + errorCode));
            this.status = status;
            this.errorCode = errorCode;
        }

        int status() {
            return status;
        }

        /** @return x-ms-error-code, or null */
        String errorCode() {
            return errorCode;
        }
    }

    /** An answered GET: status, headers (names lower-cased) and the body (close it). */
    record Answer(int status, Map<String, String> headers, InputStream body) {
    }

    private DirectBlobHttp(String endpoint, String account, byte[] key, String sas, TokenCredential credential, AzureOptions options,
                           DirectProxy proxy) {
        this.proxy = proxy;
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        String path = URI.create(this.endpoint).getRawPath();
        this.endpointPath = path == null ? "" : path;
        this.key = key == null ? null : new SharedKey(account, key);
        this.sas = sas;
        this.credential = credential;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis());
    }

    /**
     * @return the direct transport of the backend: Shared Key, SAS or Entra ID; null only for a
     *         connection string with neither an account key nor a SAS (the SDK then decides alone)
     */
    static DirectBlobHttp create(BackendSettings s, AzureClientFactory.Connection connection, AzureOptions options) {
        return create(s, connection, options, DirectProxy.fromEnvironment());
    }

    /** As {@link #create(BackendSettings, AzureClientFactory.Connection, AzureOptions)}, through that proxy (or none: null). */
    static DirectBlobHttp create(BackendSettings s, AzureClientFactory.Connection connection, AzureOptions options, DirectProxy proxy) {
        String endpoint = connection.service().getAccountUrl();
        String account = connection.service().getAccountName();
        return switch (connection.mode()) {
            case SHARED_KEY -> new DirectBlobHttp(endpoint, s.get(AzureKeys.ACCOUNT_NAME),
                    Base64.getDecoder().decode(s.requireSecret(AzureKeys.ACCOUNT_KEY)), null, null, options, proxy);
            case SAS_TOKEN -> new DirectBlobHttp(endpoint, account, null, connection.sasToken(), null, options, proxy);
            case CONNECTION_STRING -> {
                Map<String, String> parts = connectionString(s.requireSecret(AzureKeys.CONNECTION_STRING));
                if (parts.containsKey("accountkey") && parts.containsKey("accountname")) {
                    yield new DirectBlobHttp(endpoint, parts.get("accountname"), Base64.getDecoder().decode(parts.get("accountkey")), null, null,
                            options, proxy);
                }
                String sig = parts.get("sharedaccesssignature");
                yield sig == null ? null : new DirectBlobHttp(endpoint, account, null, sig.startsWith("?") ? sig.substring(1) : sig, null, options, proxy);
            }
            case DEFAULT_CREDENTIAL -> new DirectBlobHttp(endpoint, account, null, null, connection.credential(), options, proxy);
        };
    }

    private static Map<String, String> connectionString(String cs) {
        Map<String, String> m = new TreeMap<>();
        for (String part : cs.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        return m;
    }

    /**
     * Put Blob: the whole body in one request, atomically visible when Azure answers 201.
     *
     * @param body the body's buffers, in order (heap buffers; their remaining bytes are sent)
     * @param contentType the content type
     * @param md5 the body's MD5 (Azure checks it and stores it as the blob's Content-MD5)
     * @param metadata the blob's metadata (already encoded for Azure)
     * @param conditions write conditions, evaluated by Azure atomically with the write
     * @return the answer's headers (ETag, Last-Modified)
     */
    Map<String, String> putBlob(String container, String key, List<ByteBuffer> body, String contentType, byte[] md5,
                                Map<String, String> metadata, Conditions conditions) {
        long length = body.stream().mapToLong(ByteBuffer::remaining).sum();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("Content-MD5", Base64.getEncoder().encodeToString(md5));
        h.put("x-ms-blob-type", "BlockBlob");
        h.put("x-ms-blob-content-md5", Base64.getEncoder().encodeToString(md5));
        metadata.forEach((k, v) -> h.put("x-ms-meta-" + k, v));
        if (conditions != null && !conditions.isEmpty()) {
            if (conditions.ifMatch() != null) {
                h.put("If-Match", AzureObjects.etagHeader(conditions.ifMatch()));
            }
            if (conditions.ifNoneMatch() != null) {
                h.put("If-None-Match", AzureObjects.etagHeader(conditions.ifNoneMatch()));
            }
            if (conditions.ifUnmodifiedSince() != null) {
                h.put("If-Unmodified-Since", RFC_1123.format(conditions.ifUnmodifiedSince()));
            }
        }
        Answer answer = send("PUT", path(container, key), h, length, out -> {
            for (ByteBuffer b : body) {
                out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            }
        }, 201);
        // read to its (empty) end, so the connection goes back to the keep-alive pool
        try (InputStream in = answer.body()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the blob is stored; only the connection is lost
        }
        return answer.headers();
    }

    /**
     * Get Blob, whole or a range.
     *
     * @param first the range's first byte, or -1 for the whole blob
     * @param last the range's last byte (inclusive), or -1 for "to the end"
     * @param ifMatch the ETag to pin the read to, or null
     * @return the answer (200 or 206); close its body
     */
    Answer getBlob(String container, String key, long first, long last, String ifMatch) {
        Map<String, String> h = new LinkedHashMap<>();
        if (first >= 0) {
            h.put("x-ms-range", "bytes=" + first + "-" + (last >= 0 ? Long.toString(last) : ""));
        }
        if (ifMatch != null) {
            h.put("If-Match", AzureObjects.etagHeader(ifMatch));
        }
        return send("GET", path(container, key), h, -1, null, 200, 206);
    }

    /** @return the URL path of a blob, each segment percent-encoded as the SDK encodes blob names */
    static String path(String container, String key) {
        StringBuilder sb = new StringBuilder("/").append(container).append('/');
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private Answer send(String method, String path, Map<String, String> headers, long length, BodyWriter body, int... ok) {
        HttpURLConnection c = null;
        try {
            c = open(method, path, headers, length);
            if (body != null) {
                try (OutputStream out = c.getOutputStream()) {
                    body.write(out);
                }
            }
            int status = c.getResponseCode();
            for (int expected : ok) {
                if (status == expected) {
                    return new Answer(status, headers(c), c.getInputStream());
                }
            }
            String code = c.getHeaderField("x-ms-error-code");
            drain(c);
            throw new DirectHttpException(status, code);
        } catch (IOException e) {
            if (c != null) {
                c.disconnect();
            }
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpURLConnection open(String method, String path, Map<String, String> headers, long length) throws IOException {
        String query = sas == null ? "" : "?" + sas;
        URL url = new URL(endpoint + path + query);
        HttpURLConnection c = (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy.proxyFor(URI.create(endpoint))));
        if (proxy != null) {
            proxy.authorize(c, url);
        }
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(Math.min(timeoutMillis, 10_000));
        c.setReadTimeout(timeoutMillis);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("x-ms-date", RFC_1123.format(Instant.now()));
        all.put("x-ms-version", version);
        if (length >= 0) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(length);
        }
        all.forEach(c::setRequestProperty);
        if (key != null) {
            // HttpURLConnection sets Content-Length itself; it is signed all the same
            Map<String, String> signed = new LinkedHashMap<>(all);
            if (length > 0) {
                signed.put("Content-Length", Long.toString(length));
            }
            c.setRequestProperty("Authorization", key.authorization(method, endpointPath + path, null, signed));
        } else if (credential != null) {
            c.setRequestProperty("Authorization", "Bearer " + bearer());
        }
        return c;
    }

    /** @return a valid access token for Azure Storage, from the cache while it has more than five minutes left */
    private String bearer() {
        AccessToken t = token;
        if (t == null || t.getExpiresAt().minus(TOKEN_MARGIN).isBefore(OffsetDateTime.now())) {
            synchronized (this) {
                t = token;
                if (t == null || t.getExpiresAt().minus(TOKEN_MARGIN).isBefore(OffsetDateTime.now())) {
                    t = credential.getTokenSync(STORAGE_SCOPE);
                    token = t;
                }
            }
        }
        return t.getToken();
    }

    private static Map<String, String> headers(HttpURLConnection c) {
        Map<String, String> m = new TreeMap<>();
        c.getHeaderFields().forEach((k, v) -> {
            if (k != null && !v.isEmpty()) {
                m.put(k.toLowerCase(Locale.ROOT), v.get(0));
            }
        });
        return m;
    }

    private static void drain(HttpURLConnection c) {
        try (InputStream err = c.getErrorStream()) {
            if (err != null) {
                err.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            c.disconnect();
        }
    }

}
