package dev.passerelle.gateway.auth;

import dev.passerelle.api.CallContext;
import dev.passerelle.gateway.http.RequestIds;
import dev.passerelle.gateway.http.RequestTracking;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The current request's caller and {@link CallContext}, as the auth filter recorded them. */
@Singleton
public class CallerHolder {
    static final String KEY = "passerelle.caller-object";

    @Inject
    CurrentVertxRequest current;

    /** @return the authenticated caller, or null for an anonymous one */
    public Caller caller() {
        RoutingContext ctx = current.getCurrent();
        return ctx == null ? null : ctx.get(KEY);
    }

    /** @return the call context (request id, caller name, client address, the client's own request id) for the storage layer */
    public CallContext context() {
        RoutingContext ctx = current.getCurrent();
        if (ctx == null) {
            return CallContext.system();
        }
        String name = ctx.get(RequestTracking.CALLER);
        String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        return new CallContext(RequestIds.of(ctx), name == null ? Caller.ANONYMOUS : name, address, RequestIds.clientId(ctx));
    }

    /** @return the Vert.x routing context of the current request */
    public RoutingContext routing() {
        return current.getCurrent();
    }
}
