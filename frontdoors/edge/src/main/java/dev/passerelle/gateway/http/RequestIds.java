package dev.passerelle.gateway.http;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * The request id of the current request, kept in the Vert.x routing context. The gateway chooses
 * every id itself (a UUID in {@code X-Request-Id} of the response, the access log, problems and the
 * audit trail); an {@code X-Request-Id} the client sent is kept apart as the client's id, since the
 * client chooses it freely (it could reuse another request's id).
 */
public final class RequestIds {
    /** The header carrying the request id: the gateway's in the response, the client's own in the request. */
    public static final String HEADER = "X-Request-Id";
    static final String KEY = "passerelle.request-id";
    static final String CLIENT_KEY = "passerelle.client-request-id";
    /** The longest client id kept; a longer one is cut. */
    static final int MAX_CLIENT_ID = 128;

    private RequestIds() {
    }

    /** @return a fresh id, e.g. for an exchange that has no routing context (answered at the connection's edge) */
    static String fresh() {
        return UUID.randomUUID().toString();
    }

    /** @return the id of the request, assigning one if the request has none yet */
    public static String of(RoutingContext ctx) {
        if (ctx == null) {
            return fresh();
        }
        String id = ctx.get(KEY);
        if (id == null) {
            id = fresh();
            ctx.put(KEY, id);
            ctx.response().putHeader(HEADER, id);
            String client = ctx.request().getHeader(HEADER);
            if (client != null && !client.isEmpty()) {
                ctx.put(CLIENT_KEY, client.length() > MAX_CLIENT_ID ? client.substring(0, MAX_CLIENT_ID) : client);
            }
        }
        return id;
    }

    /** @return the id the client sent in {@code X-Request-Id} (at most {@value #MAX_CLIENT_ID} characters), or null */
    public static String clientId(RoutingContext ctx) {
        if (ctx == null) {
            return null;
        }
        of(ctx);
        return ctx.get(CLIENT_KEY);
    }
}
