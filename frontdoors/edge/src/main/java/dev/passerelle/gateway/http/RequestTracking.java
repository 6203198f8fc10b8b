package dev.passerelle.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import dev.passerelle.gateway.config.GatewaySettings;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;

/**
 * HTTP plumbing around every request, whatever handles it (REST resources, health, metrics,
 * OpenAPI): a request id in {@code X-Request-Id} on every response, one access-log line per
 * request, a problem+json 501 for a transfer coding other than {@code chunked} alone (RFC 9112 §6.1),
 * a problem+json 413 for a Content-Length over {@code passerelle.max-object-size} (before
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
    /** Routing-context key of the stable code of the error the request was answered (or meant to be answered) with. */
    public static final String FAILURE = "passerelle.failure";

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
        ctx.addEndHandler(ar -> log(ctx, id, start, ar.succeeded()));
        if (!understoodFraming(ctx.request().headers().getAll("Transfer-Encoding"))) {
            // RFC 9112 §6.1: a coding we do not implement; the body's framing is not understood, so the
            // connection cannot carry another request either
            Problem p = Problems.of(501, "unsupported_transfer_coding", "Transfer-Encoding '" + String.join(", ",
                    ctx.request().headers().getAll("Transfer-Encoding")) + "' is not implemented; only 'chunked' alone is", id);
            answerAndClose(ctx, p);
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            Problem p = Problems.of(413, "payload_too_large", "a body of " + length.trim() + " bytes exceeds this gateway's limit of "
                    + settings.maxObjectSize() + " bytes", id);
            ctx.response().setStatusCode(p.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                    .end(Problems.json(p)).onComplete(ar -> lingerThenClose(ctx));
            return;
        }
        ctx.next();
    }

    /** Answers before the body is read, then closes the connection: the unread body must not be taken for a next request. */
    private static void answerAndClose(RoutingContext ctx, Problem p) {
        ctx.response().setStatusCode(p.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                .end(Problems.json(p)).onComplete(ar -> ctx.request().connection().close());
    }

    /** How long, and for how many body bytes, a refused upload is read and discarded before its connection closes. */
    static final long LINGER_MILLIS = 2_000;
    static final long LINGER_BYTES = 16L << 20;

    /**
     * Closes the connection of a request answered before its body (framed by a valid Content-Length)
     * was read, once the client has sent that body or after {@link #LINGER_MILLIS} or
     * {@link #LINGER_BYTES}, whichever comes first: closing at once with unread bytes in the socket
     * makes the kernel reset the connection, and a client still sending then loses the answer
     * ("broken pipe") instead of reading the 413. The bytes read are discarded, never parsed.
     */
    private static void lingerThenClose(RoutingContext ctx) {
        io.vertx.core.http.HttpServerRequest request = ctx.request();
        io.vertx.core.http.HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long timer = ctx.vertx().setTimer(LINGER_MILLIS, t -> connection.close());
        long[] seen = {0};
        try {
            request.handler(chunk -> {
                seen[0] += chunk.length();
                if (seen[0] > LINGER_BYTES) {
                    ctx.vertx().cancelTimer(timer);
                    connection.close();
                }
            });
            request.endHandler(v -> {
                ctx.vertx().cancelTimer(timer);
                connection.close();
            });
            request.resume();
        } catch (IllegalStateException e) { // the body was read meanwhile
            ctx.vertx().cancelTimer(timer);
            connection.close();
        }
    }

    /** @return whether the transfer codings are none, or exactly one {@code chunked} (the only one implemented) */
    static boolean understoodFraming(List<String> transferEncodings) {
        if (transferEncodings.isEmpty()) {
            return true;
        }
        List<String> codings = transferEncodings.stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(c -> !c.isEmpty()).toList();
        return codings.size() == 1 && codings.get(0).equalsIgnoreCase("chunked");
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

    /**
     * Logs what really happened: the status sent, or {@code aborted} when the connection closed before
     * any status went out, with the reason (the error code the request failed with, else
     * {@code connection_closed}) and the body bytes actually received.
     */
    private static void log(RoutingContext ctx, String id, long start, boolean completed) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse res = ctx.response();
        String status = res.headWritten() ? Integer.toString(res.getStatusCode()) : "aborted";
        String reason = null;
        if (!completed || !res.headWritten() || !res.ended()) {
            String failure = ctx.get(FAILURE);
            reason = failure == null ? "connection_closed" : failure;
        }
        AccessLog.write(new AccessLog.Entry(id, RequestIds.clientId(ctx), ctx.get(CALLER), req.method().name(), ctx.get(BUCKET), ctx.get(KEY),
                status, reason, req.bytesRead(), res.bytesWritten(),
                (System.nanoTime() - start) / 1000, req.remoteAddress() == null ? null : req.remoteAddress().hostAddress()));
    }
}
