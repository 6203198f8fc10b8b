package dev.passerelle.gateway.http;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id of the current request, kept in the Vert.x routing context. */
public final class RequestIds {
    /** The header carrying the request id, in and out. */
    public static final String HEADER = "X-Request-Id";
    static final String KEY = "passerelle.request-id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private RequestIds() {
    }

    /** @return the client's id if it looks safe to log and echo, else a fresh UUID */
    static String choose(String fromClient) {
        return fromClient != null && ACCEPTABLE.matcher(fromClient).matches() ? fromClient : UUID.randomUUID().toString();
    }

    /** @return a fresh id, for an exchange that has no routing context (answered at the connection's edge) */
    static String fresh() {
        return UUID.randomUUID().toString();
    }

    /** @return the id of the request, assigning one if the request has none yet */
    public static String of(RoutingContext ctx) {
        if (ctx == null) {
            return UUID.randomUUID().toString();
        }
        String id = ctx.get(KEY);
        if (id == null) {
            id = choose(ctx.request().getHeader(HEADER));
            ctx.put(KEY, id);
            ctx.response().putHeader(HEADER, id);
        }
        return id;
    }
}
