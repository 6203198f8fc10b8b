package dev.passerelle.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import dev.passerelle.gateway.config.GatewaySettings;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.regex.Pattern;

/**
 * HTTP plumbing around every request, whatever handles it (REST resources, health, metrics,
 * OpenAPI): a request id in {@code X-Request-Id} on every response, one access-log line per
 * request, a problem+json 413 for a Content-Length over {@code passerelle.max-object-size} (before
 * Quarkus' own, bodiless body-limit answer), and a problem+json 404 for any path nothing else handled.
 */
@Singleton
public class RequestTracking {
    /** Routing-context key of the authenticated caller's name. */
    public static final String CALLER = "passerelle.caller";
    /** Routing-context key of the bucket the request addresses. */
    public static final String BUCKET = "passerelle.bucket";
    /** Routing-context key of the object key the request addresses. */
    public static final String KEY = "passerelle.key";
    private static final Logger ACCESS = Logger.getLogger("passerelle.access");
    /** Field values logged without quotes: tokens that cannot be mistaken for a separator or for {@code -}. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+-]*");

    private final GatewaySettings settings;

    /** @param settings the object size limit */
    public RequestTracking(GatewaySettings settings) {
        this.settings = settings;
    }

    /** Installs the first and the last route of the router. */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::begin);
        router.route().last().handler(RequestTracking::notFound);
    }

    private void begin(RoutingContext ctx) {
        long start = System.nanoTime();
        String id = RequestIds.of(ctx);
        ctx.addEndHandler(ar -> log(ctx, id, start));
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            Problem p = Problems.of(413, "payload_too_large", "a body of " + length.trim() + " bytes exceeds this gateway's limit of "
                    + settings.maxObjectSize() + " bytes", id);
            ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close").end(Problems.json(p));
            return;
        }
        ctx.next();
    }

    private boolean tooLarge(String length) {
        String digits = length.trim();
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return digits.length() > 18 || Long.parseLong(digits) > settings.maxObjectSize();
    }

    private static void notFound(RoutingContext ctx) {
        Problem p = Problems.of(404, "not_found", "no such resource: " + ctx.request().method() + " " + ctx.request().path(), RequestIds.of(ctx));
        ctx.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Problems.json(p));
    }

    private static void log(RoutingContext ctx, String id, long start) {
        HttpServerRequest req = ctx.request();
        long micros = (System.nanoTime() - start) / 1000;
        ACCESS.infof("id=%s caller=%s method=%s bucket=%s key=%s status=%d in=%d out=%d ms=%d.%03d client=%s",
                field(id), field(ctx.get(CALLER)), field(req.method().name()), field(ctx.get(BUCKET)), quote(ctx.get(KEY)),
                ctx.response().getStatusCode(), req.bytesRead(), ctx.response().bytesWritten(), micros / 1000, micros % 1000,
                field(req.remoteAddress() == null ? null : req.remoteAddress().hostAddress()));
    }

    /**
     * @return {@code -} for null, the value as is when it is a plain token, else the value {@link #quote quoted}: a
     *         field can never carry a space, a quote or a line break into the line (no forged fields or lines)
     */
    static String field(String value) {
        if (value == null) {
            return "-";
        }
        return PLAIN.matcher(value).matches() ? value : quote(value);
    }

    /** @return the value quoted with control characters, quotes and backslashes escaped (no log injection) */
    static String quote(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
