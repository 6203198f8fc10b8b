package dev.passerelle.gateway.http;

import dev.passerelle.api.StorageException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Decides from the RAW request path, before Vert.x and JAX-RS normalise it (RFC 3986 dot-segment
 * removal, {@code //} collapsed, a trailing {@code /} dropped), so that normalisation can never make
 * a request address another bucket or key than the one its client sent (see ADR 0013):
 *
 * <ul>
 *   <li>a {@code .} or {@code ..} segment anywhere in the path, literal or percent-encoded
 *       ({@code %2E}, {@code .%2e}, ...), is refused: 400 {@code invalid_bucket_name} in the bucket
 *       segment, {@code invalid_key} in an object key, {@code invalid_argument} elsewhere;</li>
 *   <li>an empty segment ({@code //}) outside an object key is refused the same way;</li>
 *   <li>in {@code /api/v1/buckets/{bucket}/objects/{key}} everything after {@code objects/} is the
 *       key, exactly as sent (still percent-encoded): {@code tdir/}, {@code x//y} and {@code /lead}
 *       are keys of their own, read back by {@link #rawKey}. A key made only of slashes sent as is
 *       ({@code objects//}) would be routed as the bucket listing: it is refused, send it as {@code %2F}.</li>
 * </ul>
 *
 * <p>Runs right after {@link RequestTracking}'s first route, so refusals carry a request id and an
 * access-log line; nothing has been authenticated, read or stored yet.
 */
@Singleton
public class RawPathGuard {
    /** Routing-context key of the object key as it appears in the raw path (percent-encoded). */
    public static final String RAW_KEY = "passerelle.raw-key";
    private static final String[] OBJECT_PREFIX = {"api", "v1", "buckets", null, "objects"};
    private static final int BUCKET = 4;
    private static final int KEY = 6;

    /** Installs the route that runs before every handler but the request tracking. */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(RawPathGuard::check);
    }

    /**
     * @param ctx the routing context of an object request
     * @return the key as sent in the raw path, still percent-encoded, or null when the request was not
     *     recognised as an object request
     */
    public static String rawKey(RoutingContext ctx) {
        return ctx == null ? null : ctx.get(RAW_KEY);
    }

    private static void check(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path == null || !path.startsWith("/")) {
            ctx.next();
            return;
        }
        try {
            String key = inspect(path);
            if (key != null) {
                ctx.put(RAW_KEY, key);
                ctx.put(RequestTracking.KEY, forLog(key));
            }
        } catch (StorageException e) {
            Problem p = Problems.of(e, RequestIds.of(ctx));
            ctx.response().setStatusCode(p.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
            if (hasBody(ctx)) { // the body is not read: close rather than drain it
                ctx.response().putHeader("Connection", "close");
            }
            ctx.response().end(Problems.json(p));
            return;
        }
        ctx.next();
    }

    private static boolean hasBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        return ctx.request().getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }

    /**
     * @param path the raw path, starting with {@code /}
     * @return the raw key when the path addresses an object, else null
     * @throws StorageException INVALID_ARGUMENT when normalisation would change what the path addresses
     */
    static String inspect(String path) {
        String[] segments = path.split("/", -1);
        boolean object = segments.length > KEY;
        for (int i = 1; i < Math.min(segments.length, KEY); i++) {
            String expected = OBJECT_PREFIX[i - 1];
            if (expected != null && !expected.equals(unreserved(segments[i]))) {
                object = false;
            }
        }
        int keyStart = object ? KEY : segments.length;
        for (int i = 1; i < keyStart; i++) {
            boolean last = i == segments.length - 1;
            if (isDot(segments[i]) || (segments[i].isEmpty() && !last)) {
                throw prefixError(segments, i);
            }
        }
        if (!object) {
            return null;
        }
        boolean onlySlashes = true;
        for (int i = KEY; i < segments.length; i++) {
            if (isDot(segments[i])) {
                throw StorageException.invalid("invalid_key", "key segments '.' and '..' are not allowed (literal or percent-encoded)");
            }
            onlySlashes &= segments[i].isEmpty();
        }
        int start = 0;
        for (int n = 0; n < KEY; n++) {
            start = path.indexOf('/', start) + 1;
        }
        String key = path.substring(start);
        if (key.isEmpty()) {
            return null;
        }
        if (onlySlashes) {
            throw StorageException.invalid("invalid_key", "a key made only of '/' must be sent percent-encoded (%2F)");
        }
        return key;
    }

    /** @return the key decoded for the access log, or as sent when it is not valid percent-encoding */
    private static String forLog(String rawKey) {
        try {
            return PercentCoding.decode(rawKey, "invalid_key");
        } catch (StorageException e) {
            return rawKey;
        }
    }

    private static StorageException prefixError(String[] segments, int i) {
        String what = segments[i].isEmpty() ? "empty path segments ('//')" : "path segments '.' and '..'";
        if (i == BUCKET && "buckets".equals(unreserved(segments[BUCKET - 1]))) {
            return StorageException.invalid("invalid_bucket_name", "a bucket name cannot be empty, '.' or '..' ("
                    + what + " are not allowed)");
        }
        return StorageException.invalid("invalid_argument", what + " are not allowed in a request path");
    }

    /** @return whether a raw segment is {@code .} or {@code ..}, with any of its dots written {@code %2E} or {@code %2e} */
    static boolean isDot(String segment) {
        if (segment.length() > 6) {
            return false;
        }
        String s = segment.replace("%2E", ".").replace("%2e", ".");
        return s.equals(".") || s.equals("..");
    }

    /** @return the segment with percent-encoded unreserved characters decoded, as Vert.x's normalisation does */
    private static String unreserved(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder sb = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            int hi = c == '%' && i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
            if (lo >= 0) {
                int v = hi * 16 + lo;
                if (v < 0x80 && Character.isLetterOrDigit(v) || v == '-' || v == '.' || v == '_' || v == '~') {
                    sb.append((char) v);
                    i += 2;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
